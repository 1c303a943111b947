"""The invoices collections follows, written by value so applying a fact twice changes nothing."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from collections_svc.adapters.tables import ReceivableRow
from collections_svc.domain.arrears import Receivable
from ledgerflow_platform.database import driver_connection

# Every payment sets the open amount of each invoice it paid: sent on the driver's connection,
# prepared once per connection, this costs a fraction of the same upsert sent through the
# session. An invoice not seen yet is recorded as the table's defaults would have it.
_SET_OPEN_AMOUNT = """
INSERT INTO receivables (invoice_id, customer_id, currency, open_amount, overdue, level,
                         changed_by)
VALUES ($1, $2, $3, $4, $5, 0, $6)
ON CONFLICT (invoice_id) DO UPDATE
SET open_amount = excluded.open_amount, changed_by = excluded.changed_by
"""
# Read again by every payment, void or credit of a customer in collections, likewise.
_OVERDUE_OF = """
SELECT invoice_id, currency, open_amount, overdue
FROM receivables
WHERE customer_id = $1 AND overdue IS true AND open_amount > 0
"""


class Receivables:
    """The invoices whose lateness puts customers in collections."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_if_absent(self, customer_id: str, receivable: Receivable) -> None:
        # A fact that arrived earlier already knows better than the invoice's original total.
        await self._session.execute(
            self._insert(customer_id, receivable).on_conflict_do_nothing(
                index_elements=[col(ReceivableRow.invoice_id)]
            )
        )

    async def set_open_amount(
        self, customer_id: str, receivable: Receivable, *, changed_by: str | None = None
    ) -> None:
        driver = await driver_connection(self._session)
        await driver.execute(
            _SET_OPEN_AMOUNT,
            receivable.invoice_id,
            customer_id,
            receivable.currency,
            receivable.open_amount,
            receivable.overdue,
            changed_by,
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
        statement = self._insert(customer_id, receivable, "voided")
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[col(ReceivableRow.invoice_id)],
                set_={"open_amount": 0, "overdue": False, "changed_by": "voided"},
            )
        )

    async def overdue_of(self, customer_id: str) -> list[Receivable]:
        driver = await driver_connection(self._session)
        return [
            Receivable(r["invoice_id"], r["currency"], r["open_amount"], r["overdue"])
            for r in await driver.fetch(_OVERDUE_OF, customer_id)
        ]

    @staticmethod
    def _insert(customer_id: str, receivable: Receivable, changed_by: str | None = None) -> Insert:
        return insert(ReceivableRow).values(_values(customer_id, receivable, changed_by))

    async def customers_owing(self) -> list[str]:
        """Every customer with something still open on an invoice, per the ledger's facts."""
        query = (
            select(col(ReceivableRow.customer_id))
            .where(col(ReceivableRow.open_amount) > 0)
            .distinct()
            .order_by(col(ReceivableRow.customer_id))
        )
        return list((await self._session.execute(query)).scalars())


def _values(customer_id: str, receivable: Receivable, changed_by: str | None) -> dict[str, Any]:
    return {
        "invoice_id": receivable.invoice_id,
        "customer_id": customer_id,
        "currency": receivable.currency,
        "open_amount": receivable.open_amount,
        "overdue": receivable.overdue,
        "changed_by": changed_by,
    }
