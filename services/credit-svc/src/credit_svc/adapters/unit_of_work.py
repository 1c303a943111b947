"""credit-svc's unit of work and repositories.

Every write is an upsert keyed by the business id, so applying a fact again leaves the
same state: the projection is idempotent by value, not only by event id.
"""

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from credit_svc.adapters.tables import CreditAccountRow, ReceivableRow
from credit_svc.domain.exposure import CreditAccount, Receivable
from ledgerflow_platform.unit_of_work import UnitOfWork


class CreditAccounts:
    """The customers credit control keeps accounts for."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_if_absent(self, account: CreditAccount) -> None:
        await self._session.execute(
            insert(CreditAccountRow)
            .values(customer_id=account.customer_id, currency=account.currency)
            .on_conflict_do_nothing(index_elements=[col(CreditAccountRow.customer_id)])
        )

    async def get(self, customer_id: str) -> CreditAccount | None:
        row = await self._session.get(CreditAccountRow, customer_id)
        return CreditAccount(row.customer_id, row.currency) if row else None


class Receivables:
    """The invoices that make up customers' exposure."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_if_absent(self, customer_id: str, receivable: Receivable) -> None:
        # A fact that arrived earlier already knows better than the invoice's original total.
        await self._session.execute(
            self._insert(customer_id, receivable).on_conflict_do_nothing(
                index_elements=[col(ReceivableRow.invoice_id)]
            )
        )

    async def set_open_amount(self, customer_id: str, receivable: Receivable) -> None:
        statement = self._insert(customer_id, receivable)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[col(ReceivableRow.invoice_id)],
                set_={"open_amount": statement.excluded.open_amount},
            )
        )

    async def mark_overdue(self, customer_id: str, receivable: Receivable) -> None:
        statement = self._insert(customer_id, receivable)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[col(ReceivableRow.invoice_id)],
                # What is owed follows the ledger's later facts (payments, voids), which a
                # late or re-driven overdue notice must not undo: it only flags what is open.
                set_={"overdue": col(ReceivableRow.open_amount) > 0},
            )
        )

    async def void(self, customer_id: str, receivable: Receivable) -> None:
        """Nothing is owed on a voided invoice; the row stays so a late issue cannot revive it."""
        statement = self._insert(customer_id, receivable)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[col(ReceivableRow.invoice_id)],
                set_={"open_amount": 0, "overdue": False},
            )
        )

    async def open_of(self, customer_id: str) -> list[Receivable]:
        rows = await self._session.execute(
            select(ReceivableRow).where(
                col(ReceivableRow.customer_id) == customer_id, col(ReceivableRow.open_amount) > 0
            )
        )
        return [
            Receivable(r.invoice_id, r.currency, r.open_amount, r.overdue)
            for r in rows.scalars().all()
        ]

    @staticmethod
    def _insert(customer_id: str, receivable: Receivable) -> Insert:
        return insert(ReceivableRow).values(
            invoice_id=receivable.invoice_id,
            customer_id=customer_id,
            currency=receivable.currency,
            open_amount=receivable.open_amount,
            overdue=receivable.overdue,
        )


class CreditUnitOfWork(UnitOfWork):
    """One transaction over credit accounts and their receivables."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.accounts = CreditAccounts(session)
        self.receivables = Receivables(session)
