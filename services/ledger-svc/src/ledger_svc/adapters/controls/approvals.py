"""Where approval requests wait, and their decisions are kept."""

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.approvals import ApprovalRow
from ledger_svc.domain.controls.approvals import ApprovalAction, ApprovalRequest, ApprovalStatus


def _request(row: ApprovalRow) -> ApprovalRequest:
    return ApprovalRequest(
        row.id,
        ApprovalAction(row.action),
        row.target,
        dict(row.payload),
        row.requested_by,
        row.requested_at,
        ApprovalStatus(row.status),
        row.decided_by,
        row.decided_at,
        row.result_id,
    )


class ApprovalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, request: ApprovalRequest) -> None:
        await self._session.execute(
            insert(ApprovalRow).values(
                id=request.id,
                action=request.action.value,
                target=request.target,
                payload=request.payload,
                requested_by=request.requested_by,
                requested_at=request.requested_at,
                status=request.status.value,
            )
        )

    async def get(self, approval_id: str, *, for_update: bool = False) -> ApprovalRequest | None:
        query = select(ApprovalRow).where(col(ApprovalRow.id) == approval_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else _request(row)

    async def decide(self, request: ApprovalRequest) -> None:
        await self._session.execute(
            update(ApprovalRow)
            .where(col(ApprovalRow.id) == request.id)
            .values(
                status=request.status.value,
                decided_by=request.decided_by,
                decided_at=request.decided_at,
                result_id=request.result_id,
            )
        )
