"""Dunning notice fees, kept per invoice and level, so each is charged once."""

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.tables.notice_fees import NoticeFeeRow
from ledger_svc.domain.adjustments.notice_fee import NoticeFee


class NoticeFeeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, fee: NoticeFee) -> None:
        """Record the fee; its key refuses a second fee for the same invoice and level."""
        await self._session.execute(
            insert(NoticeFeeRow).values(
                invoice_id=fee.invoice_id,
                level=fee.level,
                notice_id=fee.notice_id,
                fee_invoice_id=fee.fee_invoice.id,
                customer_id=fee.customer_id,
                currency=fee.currency,
                amount=fee.amount,
                charged_on=fee.charged_on,
            )
        )

    async def charged(self, invoice_id: str, level: int) -> bool:
        """Whether the level's fee was charged on the invoice; read under the customer's lock."""
        return await self._session.get(NoticeFeeRow, (invoice_id, level)) is not None
