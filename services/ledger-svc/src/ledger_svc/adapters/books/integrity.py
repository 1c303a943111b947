"""The integrity checks as queries over the whole ledger; each returns only its violations."""

from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.books.integrity_adjustments import REFUNDS_OUT_OF_BALANCE
from ledger_svc.domain.books.integrity import IntegrityCheck, Violation

UNBALANCED_ENTRIES = text("""
WITH totals AS (
    SELECT e.id AS entry_id, l.currency,
           coalesce(sum(l.debit), 0) AS debits, coalesce(sum(l.credit), 0) AS credits,
           count(l.entry_id) AS lines
    FROM journal_entries e LEFT JOIN journal_lines l ON l.entry_id = e.id
    GROUP BY e.id, l.currency
)
SELECT entry_id, currency, debits, credits, count(*) OVER () AS found
FROM totals WHERE debits <> credits OR lines < 2
ORDER BY entry_id, currency LIMIT :limit
""")

# Receivable postings per invoice, split by the kind of document that made them.
INVOICES_OUT_OF_BALANCE = text("""
WITH posted AS (
    SELECT l.invoice_id,
           sum(l.debit - l.credit) AS journal_open,
           sum(l.debit - l.credit)
               FILTER (WHERE e.source_type IN ('invoice', 'late_fee')) AS billed,
           sum(l.credit - l.debit) FILTER (WHERE e.source_type = 'payment') AS paid,
           sum(l.credit - l.debit)
               FILTER (WHERE e.source_type NOT IN ('invoice', 'late_fee', 'payment'))
               AS other_credits
    FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
    WHERE l.account = 'receivable' AND l.invoice_id IS NOT NULL
    GROUP BY l.invoice_id
), allocated AS (
    -- A reversed payment's allocations are history: its reversing entry took them back.
    SELECT a.invoice_id, sum(a.amount) AS allocated FROM payment_allocations a
    WHERE NOT EXISTS (SELECT 1 FROM payment_reversals r WHERE r.payment_id = a.payment_id)
    GROUP BY a.invoice_id
), figures AS (
    SELECT i.id, i.number, i.customer_id, i.currency, i.total, i.open_amount,
           CASE WHEN i.voided_on IS NULL THEN i.total ELSE 0 END AS billable,
           coalesce(a.allocated, 0) AS allocated,
           coalesce(p.other_credits, 0) AS other_credits,
           coalesce(p.billed, 0) AS billed, coalesce(p.paid, 0) AS paid,
           coalesce(p.journal_open, 0) AS journal_open
    FROM invoices i
    LEFT JOIN posted p ON p.invoice_id = i.id
    LEFT JOIN allocated a ON a.invoice_id = i.id
)
SELECT id AS invoice_id, number, customer_id, currency, total, billable, allocated, other_credits,
       billable - allocated - other_credits AS expected_open, journal_open, open_amount,
       billed, paid, count(*) OVER () AS found
FROM figures
WHERE billable - allocated - other_credits < 0
   OR billable - allocated - other_credits <> open_amount
   OR journal_open <> open_amount OR billed <> billable OR paid <> allocated
ORDER BY id LIMIT :limit
""")

CUSTOMERS_OUT_OF_BALANCE = text("""
WITH journal AS (
    SELECT customer_id,
           sum(debit - credit) FILTER (WHERE account = 'receivable') AS receivable,
           sum(credit - debit) FILTER (WHERE account = 'customer_credit') AS credit
    FROM journal_lines
    WHERE customer_id IS NOT NULL AND account IN ('receivable', 'customer_credit')
    GROUP BY customer_id
), items AS (
    SELECT customer_id, sum(open_amount) AS open_items FROM invoices GROUP BY customer_id
), held AS (
    SELECT customer_id, sum(unapplied_amount) AS credit_held FROM (
        SELECT customer_id, unapplied_amount FROM payments
        UNION ALL SELECT customer_id, unapplied_amount FROM credit_notes
    ) sources GROUP BY customer_id
), figures AS (
    SELECT c.customer_id, c.currency,
           coalesce(items.open_items, 0) AS open_items,
           coalesce(held.credit_held, 0) AS credit_held,
           coalesce(j.receivable, 0) AS receivable_in_journal,
           coalesce(j.credit, 0) AS credit_in_journal
    FROM customer_accounts c
    LEFT JOIN items ON items.customer_id = c.customer_id
    LEFT JOIN held ON held.customer_id = c.customer_id
    LEFT JOIN journal j ON j.customer_id = c.customer_id
)
SELECT customer_id, currency, open_items, credit_held, open_items - credit_held AS balance,
       receivable_in_journal, credit_in_journal,
       receivable_in_journal - credit_in_journal AS balance_in_journal,
       count(*) OVER () AS found
FROM figures
WHERE open_items <> receivable_in_journal OR credit_held <> credit_in_journal
   OR credit_in_journal < 0 OR receivable_in_journal < 0
ORDER BY customer_id LIMIT :limit
""")


class LedgerIntegrity:
    """Runs the invariants of domain/books/integrity.py against the ledger's tables."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def take_snapshot(self) -> None:
        """Read every check from one snapshot; call before anything else in the transaction."""
        await self._session.connection(
            execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        )

    async def unbalanced_entries(self, limit: int) -> IntegrityCheck:
        return await self._check("entries_balance", UNBALANCED_ENTRIES, limit, about=("entry_id",))

    async def invoices_out_of_balance(self, limit: int) -> IntegrityCheck:
        return await self._check(
            "invoice_open_amounts",
            INVOICES_OUT_OF_BALANCE,
            limit,
            about=("invoice_id", "number", "customer_id"),
        )

    async def customers_out_of_balance(self, limit: int) -> IntegrityCheck:
        return await self._check(
            "customer_balances", CUSTOMERS_OUT_OF_BALANCE, limit, about=("customer_id",)
        )

    async def refunds_out_of_balance(self, limit: int) -> IntegrityCheck:
        return await self._check(
            "refunds_payable", REFUNDS_OUT_OF_BALANCE, limit, about=("customer_id",)
        )

    async def _check(
        self, name: str, query: TextClause, limit: int, *, about: tuple[str, ...]
    ) -> IntegrityCheck:
        rows = (await self._session.execute(query, {"limit": limit})).mappings().all()
        violations = tuple(
            Violation(
                about={k: str(row[k]) for k in about},
                currency=row["currency"],
                amounts={
                    k: int(v) for k, v in row.items() if k not in {*about, "currency", "found"}
                },
            )
            for row in rows
        )
        return IntegrityCheck(name, violations, int(rows[0]["found"]) if rows else 0)
