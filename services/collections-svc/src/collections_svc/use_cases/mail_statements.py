"""Scheduled statements: a run queues one statement e-mail per customer with an open balance;
the sender claims each and records it sent, failed or without anyone to send it to."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.statement_run import (
    StatementMail,
    StatementRun,
    StatementRunNotFound,
    StatementStatus,
    check_statement_period,
    mails_of_run,
)
from ledgerflow_events.contracts.collections import StatementSent


async def start_statement_run(
    uow: CollectionsUnitOfWork,
    *,
    date_from: date,
    date_to: date,
    run_id: str,
    now: datetime,
    new_id: Callable[[], str],
    mail_domain: str,
) -> tuple[StatementRun, bool]:
    """The run for the period, and whether this call made it (False: the period was already
    run, and that first run is the answer)."""
    check_statement_period(date_from, date_to)
    await uow.statement_runs.lock()
    existing = await uow.statement_runs.for_period(date_from, date_to)
    if existing is not None:
        return existing, False
    customers = await uow.receivables.customers_owing()
    mails = mails_of_run(run_id, customers, new_id, mail_domain)
    run = StatementRun(run_id, date_from, date_to, len(mails), now)
    await uow.statement_runs.add(run, mails)
    return run, True


async def statement_run(
    uow: CollectionsUnitOfWork, run_id: str
) -> tuple[StatementRun, list[StatementMail]]:
    run = await uow.statement_runs.get(run_id)
    if run is None:
        raise StatementRunNotFound(run_id)
    return run, await uow.statement_runs.mails_of(run_id)


async def claim_next_statement(
    uow: CollectionsUnitOfWork, *, at: datetime, lease: timedelta
) -> tuple[StatementMail, StatementRun] | None:
    return await uow.statement_runs.claim_next(at, lease)


async def record_statement_sent(
    uow: CollectionsUnitOfWork,
    mail: StatementMail,
    run: StatementRun,
    recipients_masked: tuple[str, ...],
    at: datetime,
) -> StatementMail:
    sent = replace(
        mail, status=StatementStatus.SENT, recipients_masked=recipients_masked, sent_at=at
    )
    await uow.statement_runs.save(sent)
    await uow.emit(
        StatementSent(
            customer_id=mail.customer_id,
            statement_run_id=run.id,
            statement_id=mail.id,
            date_from=run.date_from,
            date_to=run.date_to,
            sent_at=at,
        )
    )
    return sent


async def record_statement_unsent(
    uow: CollectionsUnitOfWork,
    mail: StatementMail,
    status: StatementStatus,
    recipients_masked: tuple[str, ...] = (),
    error: str | None = None,
) -> StatementMail:
    """Failed after every attempt, or nobody to send it to."""
    unsent = replace(mail, status=status, recipients_masked=recipients_masked, error=error)
    await uow.statement_runs.save(unsent)
    return unsent
