"""A customer's account as the journal tells it: balances at a date, the entries of a period,
and the open items at a date. Only the customer's receivable and customer-credit lines count;
their debits minus credits is what the customer owes (see domain/statements/statement.py)."""

from collections import defaultdict
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.domain.invoicing.terms import Instalment
from ledger_svc.domain.statements.statement import Movement, OpenItemAtDate

_CUSTOMER_LINES = """
    l.customer_id = :customer_id AND l.currency = :currency
    AND l.account IN ('receivable', 'customer_credit')
"""

BALANCE_BEFORE = text(f"""
SELECT coalesce(sum(l.debit - l.credit), 0)
FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
WHERE {_CUSTOMER_LINES} AND e.business_date < :day
""")  # noqa: S608 - a constant fragment, no input

MOVEMENTS = text(f"""
SELECT e.id, e.business_date, e.source_type, e.source_id, e.memo,
       e.reverses_entry_id IS NOT NULL AS reversal, p.reference,
       coalesce(array_agg(DISTINCT i.number) FILTER (WHERE i.number IS NOT NULL), '{{}}'),
       sum(l.debit), sum(l.credit)
FROM journal_lines l
JOIN journal_entries e ON e.id = l.entry_id
LEFT JOIN invoices i ON i.id = l.invoice_id
LEFT JOIN payments p ON e.source_type = 'payment' AND p.id = e.source_id
WHERE {_CUSTOMER_LINES} AND e.business_date BETWEEN :date_from AND :date_to
GROUP BY e.id, p.reference
ORDER BY e.business_date, e.id
""")  # noqa: S608

CREDIT_HELD_ON = text("""
SELECT coalesce(sum(l.credit - l.debit), 0)
FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
WHERE l.customer_id = :customer_id AND l.currency = :currency
  AND l.account = 'customer_credit' AND e.business_date <= :day
""")

# Each invoice's receivable on the day, with its schedule; a NULL invoice is what the journal
# carries for the customer without naming an open item.
OPEN_ITEMS_ON = text("""
WITH open_on AS (
    SELECT l.invoice_id, sum(l.debit - l.credit) AS open_amount
    FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
    WHERE l.customer_id = :customer_id AND l.currency = :currency
      AND l.account = 'receivable' AND e.business_date <= :day
    GROUP BY l.invoice_id
    HAVING sum(l.debit - l.credit) <> 0
)
SELECT o.invoice_id, i.number, o.open_amount, s.due_date, s.amount
FROM open_on o
LEFT JOIN invoices i ON i.id = o.invoice_id
LEFT JOIN invoice_instalments s ON s.invoice_id = o.invoice_id
ORDER BY o.invoice_id NULLS FIRST, s.position
""")


class StatementQueries:
    """Reads one customer's account from the journal, all from one snapshot."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def take_snapshot(self) -> None:
        """Read everything from one snapshot; call before anything else in the transaction."""
        await self._session.connection(
            execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        )

    async def balance_before(self, customer_id: str, currency: str, day: date) -> int:
        found = await self._session.execute(
            BALANCE_BEFORE, {"customer_id": customer_id, "currency": currency, "day": day}
        )
        return int(found.scalar_one())

    async def movements(
        self, customer_id: str, currency: str, date_from: date, date_to: date
    ) -> list[Movement]:
        params = {
            "customer_id": customer_id,
            "currency": currency,
            "date_from": date_from,
            "date_to": date_to,
        }
        rows = (await self._session.execute(MOVEMENTS, params)).all()
        return [
            Movement(
                entry_id=r[0],
                business_date=r[1],
                source_type=r[2],
                source_id=r[3],
                memo=r[4],
                reversal=bool(r[5]),
                reference=r[6],
                invoice_numbers=tuple(r[7]),
                debit=int(r[8]),
                credit=int(r[9]),
            )
            for r in rows
        ]

    async def credit_held_on(self, customer_id: str, currency: str, day: date) -> int:
        found = await self._session.execute(
            CREDIT_HELD_ON, {"customer_id": customer_id, "currency": currency, "day": day}
        )
        return int(found.scalar_one())

    async def open_items_on(
        self, customer_id: str, currency: str, day: date
    ) -> list[OpenItemAtDate]:
        params = {"customer_id": customer_id, "currency": currency, "day": day}
        rows = (await self._session.execute(OPEN_ITEMS_ON, params)).all()
        heads: dict[str | None, tuple[str | None, int]] = {}
        schedules: dict[str | None, list[Instalment]] = defaultdict(list)
        for invoice_id, number, open_amount, due_date, amount in rows:
            heads[invoice_id] = (number, int(open_amount))
            if due_date is not None:
                schedules[invoice_id].append(Instalment(due_date, int(amount)))
        return [
            OpenItemAtDate(invoice_id, number, open_amount, tuple(schedules[invoice_id]))
            for invoice_id, (number, open_amount) in heads.items()
        ]
