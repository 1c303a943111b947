"""Where accounting periods' closes and reopenings are kept, and read back as states.

Closing a period and posting into it must not interleave: a posting reads the closed periods
under a shared transaction lock, a close or reopening changes them under the exclusive one,
so a posting either commits before the close sees the books or sees the period closed.
"""

from datetime import date

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession
from uuid6 import uuid7

from ledger_svc.adapters.tables.periods import PeriodChangeRow
from ledger_svc.domain.periods.accounting_period import (
    AccountingPeriod,
    ClosedPeriods,
    PeriodStatus,
    open_period,
)
from ledger_svc.domain.periods.period_close import UnexplainedBankLine
from ledgerflow_platform.database import driver_connection

# The advisory lock key of period changes (any constant the ledger uses for nothing else).
PERIODS_LOCK = 0x1ED6E9_0001

FIRST_POSTING = text("SELECT min(business_date) FROM journal_entries")
LOCK_EXCLUSIVE = text("SELECT pg_advisory_xact_lock(:key)")
# Every payment takes the shared lock and reads the changes: sent straight to the driver, as
# building and binding them through SQLAlchemy cost more than sending them.
LOCK_SHARED = "SELECT pg_advisory_xact_lock_shared($1::bigint)"
CHANGES = f"""
SELECT period, action, changed_by, changed_at, reason FROM {PeriodChangeRow.__tablename__}
ORDER BY period, changed_at, id
"""  # noqa: S608 - the table's own name, no input


class AccountingPeriods:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        # The closed periods as this transaction first read them, under the shared lock it
        # holds until commit: no close or reopening can change them before then, but this
        # transaction's own (which drops them). Keyed by the transaction they were read in.
        self._closed: tuple[object, ClosedPeriods] | None = None

    async def closed(self) -> ClosedPeriods:
        """The closed periods, for judging postings; holds closing off until commit."""
        transaction = self._session.get_transaction()
        if self._closed is not None and self._closed[0] is transaction is not None:
            return self._closed[1]
        driver = await driver_connection(self._session)
        await driver.execute(LOCK_SHARED, PERIODS_LOCK)
        states = await self.states()
        closed = ClosedPeriods(
            frozenset(p for p, s in states.items() if s.status is PeriodStatus.CLOSED)
        )
        self._closed = (self._session.get_transaction(), closed)
        return closed

    async def lock_for_change(self) -> None:
        self._closed = None
        await self._session.execute(LOCK_EXCLUSIVE, {"key": PERIODS_LOCK})

    async def states(self) -> dict[str, AccountingPeriod]:
        """Every period ever closed, as it stands now."""
        driver = await driver_connection(self._session)
        states: dict[str, AccountingPeriod] = {}
        for period, action, changed_by, changed_at, reason in await driver.fetch(CHANGES):
            now = states.get(period) or open_period(period)
            states[period] = (
                now.close(by=changed_by, at=changed_at)
                if action == "closed"
                else now.reopen(by=changed_by, at=changed_at, reason=reason or "")
            )
        return states

    async def get(self, period: str) -> AccountingPeriod:
        return (await self.states()).get(period) or open_period(period)

    async def record(self, changed: AccountingPeriod) -> None:
        """Append the change that made `changed` what it is."""
        self._closed = None
        closing = changed.status is PeriodStatus.CLOSED
        await self._session.execute(
            insert(PeriodChangeRow).values(
                id=str(uuid7()),
                period=changed.period,
                action="closed" if closing else "reopened",
                changed_by=changed.closed_by if closing else changed.reopened_by,
                changed_at=changed.closed_at if closing else changed.reopened_at,
                reason=None if closing else changed.reopen_reason,
            )
        )

    async def unexplained_bank_lines(
        self, first: date, last: date, limit: int
    ) -> list[UnexplainedBankLine]:
        found = await self._session.execute(
            UNEXPLAINED_BANK_LINES, {"first": first, "last": last, "limit": limit}
        )
        return [
            UnexplainedBankLine(r.statement_id, r.position, r.booking_date.isoformat(), r.outcome)
            for r in found
        ]

    async def first_posting_date(self) -> date | None:
        found: date | None = (await self._session.execute(FIRST_POSTING)).scalar_one()
        return found


# A line is settled by its statement's latest reconciliation when it matched (or duplicated,
# created or had nothing to do with) a recorded movement, or when that run said why not; and
# by a match made by hand since (bank_line_matches). The same rule, for one statement, is
# domain/bank_reconciliation/reconciliation.py's statement_standing.
UNEXPLAINED_BANK_LINES = text("""
WITH latest AS (
    SELECT DISTINCT ON (statement_id) id, statement_id FROM reconciliations
    ORDER BY statement_id, id DESC
)
SELECT l.statement_id, l.position, l.booking_date,
       coalesce(rl.outcome, 'not_reconciled') AS outcome, count(*) OVER () AS found
FROM bank_statement_lines l
LEFT JOIN latest r ON r.statement_id = l.statement_id
LEFT JOIN reconciliation_lines rl ON rl.reconciliation_id = r.id AND rl.line_id = l.id
WHERE l.booking_date BETWEEN :first AND :last
  AND NOT EXISTS (SELECT 1 FROM bank_line_matches m WHERE m.line_id = l.id)
  AND (rl.outcome IS NULL
       OR (rl.outcome NOT IN ('matched', 'duplicate', 'created', 'not_applicable')
           AND coalesce(rl.note, '') = ''))
ORDER BY l.statement_id, l.position
LIMIT :limit
""")
