"""Customer accounts and their balances."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.adjustments import CreditNoteRow
from ledger_svc.adapters.tables.books import CustomerAccountRow
from ledger_svc.adapters.tables.invoicing import InvoiceRow
from ledger_svc.adapters.tables.payments import PaymentRow
from ledger_svc.domain.account import Balance, CustomerAccount


class CustomerAccountRepository:
    """Where customer accounts are kept and their balances summed."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def open(self, account: CustomerAccount, registered_at: datetime) -> bool:
        """Open the account unless it exists; a repeated registration changes nothing."""
        stmt = (
            insert(CustomerAccountRow)
            .values(
                customer_id=account.customer_id,
                currency=account.currency,
                payment_terms_days=account.payment_terms_days,
                registered_at=registered_at,
                status=account.status,
                code=account.code,
            )
            .on_conflict_do_nothing()
            .returning(col(CustomerAccountRow.customer_id))
        )
        return (await self._session.execute(stmt)).first() is not None

    async def get(self, customer_id: str) -> CustomerAccount | None:
        row = await self._session.get(CustomerAccountRow, customer_id)
        if row is None:
            return None
        return _account(row)

    async def by_codes(self, codes: Sequence[str]) -> dict[str, CustomerAccount]:
        """The accounts filed under these customer codes, by code."""
        found = await self._session.execute(
            select(CustomerAccountRow).where(col(CustomerAccountRow.code).in_(codes))
        )
        return {row.code: _account(row) for row in found.scalars() if row.code is not None}

    async def revise(self, customer_id: str, changes: Mapping[str, Any]) -> bool:
        """Take over changed fields of the customer's file (terms, currency, code, status);
        False if the ledger keeps no account for the customer."""
        if not changes:
            return await self.get(customer_id) is not None
        stmt = (
            update(CustomerAccountRow)
            .where(col(CustomerAccountRow.customer_id) == customer_id)
            .values(**changes)
            .returning(col(CustomerAccountRow.customer_id))
        )
        return (await self._session.execute(stmt)).first() is not None

    async def balance(self, customer_id: str) -> Balance | None:
        account = await self.get(customer_id)
        if account is None:
            return None
        open_amount = col(InvoiceRow.open_amount)
        owed = select(
            func.coalesce(func.sum(open_amount), 0),
            func.coalesce(
                func.sum(open_amount).filter(col(InvoiceRow.marked_overdue_on).is_not(None)), 0
            ),
        ).where(col(InvoiceRow.customer_id) == customer_id, open_amount > 0)
        owed_total, overdue_total = (await self._session.execute(owed)).one()
        credit = select(func.coalesce(func.sum(col(PaymentRow.unapplied_amount)), 0)).where(
            col(PaymentRow.customer_id) == customer_id
        )
        credit_total = (await self._session.execute(credit)).scalar_one()
        # On-account credit notes hold customer credit too (refunds draw on both).
        credit_total += (
            await self._session.execute(
                select(func.coalesce(func.sum(col(CreditNoteRow.unapplied_amount)), 0)).where(
                    col(CreditNoteRow.customer_id) == customer_id
                )
            )
        ).scalar_one()
        return Balance(
            customer_id, account.currency, int(owed_total), int(overdue_total), int(credit_total)
        )


def _account(row: CustomerAccountRow) -> CustomerAccount:
    return CustomerAccount(
        row.customer_id, row.currency, row.payment_terms_days, status=row.status, code=row.code
    )
