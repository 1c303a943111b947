"""Keeping each invoice's open amount as dated changes (adapters/tables_aging.py).

Whenever a fact about an invoice is recorded, the invoice's whole history is worked out again
from its facts, in the same transaction, by the rules the aging statement applies at a single
date (report_query.py): what is owed at the end of each day it could change, never below zero
and nothing once voided; split per instalment, the oldest settled first. The change on each
day is that day's open amount less the day before's. The book's totals take the difference.
"""

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# Every part of every chosen invoice, and its open amount at the end of each day that
# amount could change: the issue, each settlement after it, the void. `{chosen}` picks the
# invoices by the column it is given.
_OPEN_BY_DAY = """
invoice AS (
    SELECT id, customer_id, currency, issue_date, due_date, total_minor, voided_on
    FROM invoices WHERE {chosen_invoices}
),
settled AS (
    SELECT invoice_id, received_on AS on_day, amount_minor AS amount
    FROM payment_allocations WHERE {chosen_facts}
    UNION ALL
    SELECT invoice_id, effective_on, reduction_minor
    FROM invoice_adjustments WHERE {chosen_facts}
),
day AS (
    -- A fact dated before the issue counts from the issue.
    SELECT i.id AS invoice_id, greatest(s.on_day, i.issue_date) AS on_day, s.amount
    FROM settled s JOIN invoice i ON i.id = s.invoice_id
    UNION ALL SELECT id, issue_date, 0 FROM invoice
    UNION ALL SELECT id, voided_on, 0 FROM invoice WHERE voided_on > issue_date
),
owed AS (
    SELECT i.id AS invoice_id, d.on_day,
           CASE WHEN i.voided_on <= d.on_day THEN 0
                ELSE i.total_minor - sum(sum(d.amount)) OVER (PARTITION BY i.id ORDER BY d.on_day)
           END AS owed
    FROM day d JOIN invoice i ON i.id = d.invoice_id
    GROUP BY i.id, d.on_day, i.voided_on, i.total_minor
),
plan AS (
    SELECT invoice_id, position, due_date, amount_minor AS amount,
           coalesce(sum(amount_minor) OVER (
               PARTITION BY invoice_id ORDER BY due_date, position
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
           row_number() OVER (PARTITION BY invoice_id ORDER BY due_date, position) = 1 AS first,
           sum(amount_minor) OVER (PARTITION BY invoice_id) AS planned
    FROM invoice_instalments WHERE {chosen_facts}
),
part AS (
    -- Instalments that add up to the total are the parts; otherwise the invoice is one part.
    SELECT i.id AS invoice_id, coalesce(p.position, 0) AS part, i.customer_id, i.currency,
           coalesce(p.due_date, i.due_date) AS due_from, i.issue_date AS issued_on,
           i.total_minor, p.amount, p.before, p.first
    FROM invoice i LEFT JOIN plan p ON p.invoice_id = i.id AND p.planned = i.total_minor
),
open AS (
    SELECT p.invoice_id, p.part, p.customer_id, p.currency, p.due_from, p.issued_on, o.on_day,
           CASE WHEN o.owed <= 0 THEN 0
                WHEN p.amount IS NULL THEN o.owed
                -- What was settled pays the oldest instalments first; an over-reversed
                -- invoice owes its first instalment more.
                ELSE p.amount - least(p.amount, CASE WHEN p.first THEN p.total_minor - o.owed
                     ELSE greatest(p.total_minor - o.owed - p.before, 0) END)
           END AS amount
    FROM part p JOIN owed o ON o.invoice_id = p.invoice_id
),
change AS (
    SELECT invoice_id, part, on_day AS changed_on, customer_id, currency, due_from, issued_on,
           amount - coalesce(lag(amount) OVER (
               PARTITION BY invoice_id, part ORDER BY on_day), 0) AS change_minor
    FROM open
)
"""

_COLUMNS = "invoice_id, part, changed_on, customer_id, currency, due_from, issued_on, change_minor"
_TOTAL_KEY = "currency, due_from, issued_on, changed_on"


def _changes_of(chosen_invoices: str, chosen_facts: str) -> str:
    return "WITH " + _OPEN_BY_DAY.format(chosen_invoices=chosen_invoices, chosen_facts=chosen_facts)


def _into_totals(source: str, sign: str) -> str:
    return f"""
INSERT INTO aging_change_totals AS t ({_TOTAL_KEY}, change_minor)
SELECT {_TOTAL_KEY}, {sign}sum(change_minor) FROM {source}
GROUP BY {_TOTAL_KEY} ORDER BY {_TOTAL_KEY}
ON CONFLICT ({_TOTAL_KEY}) DO UPDATE SET change_minor = t.change_minor + excluded.change_minor
"""  # noqa: S608 - constant fragments and table names, no input


# Transactions recording facts take turns from here to their commit. One that records a fact
# of an invoice while another does works the history out again with the other's facts
# committed, so neither's is lost; and the book's totals are updated by one transaction at a
# time, which cannot deadlock over them, whatever the order of the rows each touches.
_TAKE_TURNS = text("SELECT pg_advisory_xact_lock(hashtextextended('aging_changes', 0))")
_RETIRE = text(f"""
WITH retired AS (
    DELETE FROM aging_changes WHERE invoice_id = ANY(CAST(:ids AS text[])) RETURNING {_COLUMNS}
){_into_totals("retired", "-")}""")  # noqa: S608 - constant fragments, no input
_CHOSEN = _changes_of("id = ANY(CAST(:ids AS text[]))", "invoice_id = ANY(CAST(:ids AS text[]))")
_RECORD = text(f"""{_CHOSEN}, recorded AS (
    INSERT INTO aging_changes ({_COLUMNS})
    SELECT {_COLUMNS} FROM change WHERE change_minor <> 0 RETURNING {_COLUMNS}
){_into_totals("recorded", "")}""")  # noqa: S608 - constant fragments, no input
REBUILD = (
    text("TRUNCATE aging_changes, aging_change_totals"),
    text(f"""{_changes_of("TRUE", "TRUE")}
INSERT INTO aging_changes ({_COLUMNS}) SELECT {_COLUMNS} FROM change WHERE change_minor <> 0
"""),  # noqa: S608 - constant fragments, no input
    text(_into_totals("aging_changes", "")),
)


async def refresh_aging_changes(session: AsyncSession, invoice_ids: Iterable[str]) -> None:
    """Work the changes of these invoices out again from their facts, after recording one."""
    ids = sorted(set(invoice_ids))
    if not ids:
        return
    await session.execute(_TAKE_TURNS)
    for statement in (_RETIRE, _RECORD):
        await session.execute(statement, {"ids": ids})


async def rebuild_aging_changes(session: AsyncSession) -> None:
    """Every invoice's changes worked out again at once: after facts were loaded in bulk."""
    await session.execute(_TAKE_TURNS)
    for statement in REBUILD:
        await session.execute(statement)
