"""Early warnings and credit reviews."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from credit_svc.adapters.assessment_tables import CreditReviewRow, CreditWarningRow
from credit_svc.domain.reviews import Review, ReviewDecision, ReviewStatus
from credit_svc.domain.warnings import CreditWarning, WarningKind


class Warnings:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def open_of(self, customer_id: str) -> list[CreditWarning]:
        rows = await self._session.execute(
            select(CreditWarningRow).where(
                col(CreditWarningRow.customer_id) == customer_id,
                col(CreditWarningRow.cleared_on).is_(None),
            )
        )
        return [_warning(r) for r in rows.scalars().all()]

    async def of(self, customer_id: str) -> list[CreditWarning]:
        """Every warning of the customer, latest raised first."""
        rows = await self._session.execute(
            select(CreditWarningRow)
            .where(col(CreditWarningRow.customer_id) == customer_id)
            .order_by(col(CreditWarningRow.raised_on).desc(), col(CreditWarningRow.id).desc())
        )
        return [_warning(r) for r in rows.scalars().all()]

    async def raise_(self, warning: CreditWarning) -> bool:
        """Record an open warning; False if one of its kind is already open."""
        found = await self._session.execute(
            insert(CreditWarningRow)
            .values(
                id=warning.id,
                customer_id=warning.customer_id,
                kind=warning.kind,
                detail=warning.detail,
                raised_on=warning.raised_on,
            )
            .on_conflict_do_nothing()
            .returning(col(CreditWarningRow.id))
        )
        return found.first() is not None

    async def clear(self, warning_id: str, on: date) -> None:
        row = await self._session.get(CreditWarningRow, warning_id)
        assert row is not None, "only a warning that was read is cleared"
        row.cleared_on = on
        await self._session.flush()


class Reviews:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def open_if_none(self, review: Review) -> bool:
        """Open the review; False if the customer already has one open."""
        found = await self._session.execute(
            insert(CreditReviewRow)
            .values(
                id=review.id,
                customer_id=review.customer_id,
                reason=review.reason,
                opened_on=review.opened_on,
                status=review.status,
            )
            .on_conflict_do_nothing()
            .returning(col(CreditReviewRow.id))
        )
        return found.first() is not None

    async def get(self, review_id: str) -> Review | None:
        row = (
            await self._session.execute(
                select(CreditReviewRow)
                .where(col(CreditReviewRow.id) == review_id)
                .with_for_update()
            )
        ).scalar_one_or_none()
        return _review(row) if row else None

    async def page(
        self, *, status: str | None, customer_id: str | None, after: str | None, limit: int
    ) -> list[Review]:
        statement = select(CreditReviewRow).where(col(CreditReviewRow.id) > (after or ""))
        if status is not None:
            statement = statement.where(col(CreditReviewRow.status) == status)
        if customer_id is not None:
            statement = statement.where(col(CreditReviewRow.customer_id) == customer_id)
        rows = await self._session.execute(statement.order_by(col(CreditReviewRow.id)).limit(limit))
        return [_review(r) for r in rows.scalars().all()]

    async def save(self, review: Review) -> None:
        row = await self._session.get(CreditReviewRow, review.id)
        assert row is not None, "only a review that was read is saved"
        row.status = review.status
        row.completed_on = review.completed_on
        row.completed_by = review.completed_by
        row.assessment_id = review.assessment_id
        row.decision = review.decision
        await self._session.flush()


def _warning(r: CreditWarningRow) -> CreditWarning:
    return CreditWarning(
        r.id, r.customer_id, WarningKind(r.kind), r.detail, r.raised_on, r.cleared_on
    )


def _review(r: CreditReviewRow) -> Review:
    return Review(
        id=r.id,
        customer_id=r.customer_id,
        reason=r.reason,
        opened_on=r.opened_on,
        status=ReviewStatus(r.status),
        completed_on=r.completed_on,
        completed_by=r.completed_by,
        assessment_id=r.assessment_id,
        decision=None if r.decision is None else ReviewDecision(r.decision),
    )
