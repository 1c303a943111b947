"""Statement runs and the e-mails they queue, one per customer; claimed by the sender as
notices are (adapters/notices.py)."""

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.statement_tables import statement_mails, statement_runs
from collections_svc.domain.statement_run import StatementMail, StatementRun, StatementStatus

# Any fixed number other than the dunning runs' lock.
STATEMENT_RUN_LOCK = 1_100_112


def _run(row: Any) -> StatementRun:
    return StatementRun(row.id, row.date_from, row.date_to, row.statements_queued, row.created_at)


def _mail(row: Any) -> StatementMail:
    return StatementMail(
        id=row.id,
        run_id=row.run_id,
        customer_id=row.customer_id,
        status=StatementStatus(row.status),
        message_id=row.message_id,
        recipients_masked=tuple(row.recipients_masked),
        error=row.error,
        attempts=row.attempts,
        sent_at=row.sent_at,
    )


class StatementRuns:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock(self) -> None:
        """Two requests for one period wait for each other: only one makes the run."""
        await self._session.execute(select(func.pg_advisory_xact_lock(STATEMENT_RUN_LOCK)))

    async def for_period(self, date_from: date, date_to: date) -> StatementRun | None:
        query = select(statement_runs).where(
            statement_runs.c.date_from == date_from, statement_runs.c.date_to == date_to
        )
        row = (await self._session.execute(query)).first()
        return _run(row) if row else None

    async def get(self, run_id: str) -> StatementRun | None:
        query = select(statement_runs).where(statement_runs.c.id == run_id)
        row = (await self._session.execute(query)).first()
        return _run(row) if row else None

    async def add(self, run: StatementRun, mails: list[StatementMail]) -> None:
        await self._session.execute(
            insert(statement_runs).values(
                id=run.id,
                date_from=run.date_from,
                date_to=run.date_to,
                statements_queued=run.statements_queued,
                created_at=run.created_at,
            )
        )
        if mails:
            await self._session.execute(insert(statement_mails), [_row(m) for m in mails])

    async def mails_of(self, run_id: str) -> list[StatementMail]:
        query = (
            select(statement_mails)
            .where(statement_mails.c.run_id == run_id)
            .order_by(statement_mails.c.customer_id)
        )
        return [_mail(row) for row in await self._session.execute(query)]

    async def save(self, mail: StatementMail) -> None:
        values = _row(mail)
        await self._session.execute(
            update(statement_mails)
            .where(statement_mails.c.id == mail.id)
            .values({k: v for k, v in values.items() if k not in ("id", "run_id", "customer_id")})
        )

    async def claim_next(
        self, at: datetime, lease: timedelta
    ) -> tuple[StatementMail, StatementRun] | None:
        """The oldest statement waiting (or left `sending` past the lease by a sender that
        died), marked `sending` since `at`, with its run."""
        query = (
            select(statement_mails)
            .where(
                or_(
                    statement_mails.c.status == StatementStatus.QUEUED.value,
                    and_(
                        statement_mails.c.status == StatementStatus.SENDING.value,
                        statement_mails.c.sending_since < at - lease,
                    ),
                )
            )
            .order_by(statement_mails.c.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        await self._session.execute(
            update(statement_mails)
            .where(statement_mails.c.id == row.id)
            .values(
                status=StatementStatus.SENDING.value,
                sending_since=at,
                attempts=statement_mails.c.attempts + 1,
            )
        )
        run = await self.get(row.run_id)
        assert run is not None  # a foreign key
        claimed = replace(_mail(row), status=StatementStatus.SENDING, attempts=row.attempts + 1)
        return claimed, run


def _row(mail: StatementMail) -> dict[str, Any]:
    return {
        "id": mail.id,
        "run_id": mail.run_id,
        "customer_id": mail.customer_id,
        "status": mail.status.value,
        "message_id": mail.message_id,
        "recipients_masked": list(mail.recipients_masked),
        "error": mail.error,
        "attempts": mail.attempts,
        "sent_at": mail.sent_at,
    }
