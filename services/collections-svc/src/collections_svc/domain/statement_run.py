"""Scheduled statements: a run mails every customer with an open balance its statement of
account for a period, as the ledger prints it."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from ledgerflow_platform.errors import DomainError


class StatementStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    NO_RECIPIENT = "no_recipient"


@dataclass(frozen=True)
class StatementRun:
    id: str
    date_from: date
    date_to: date
    statements_queued: int
    created_at: datetime


@dataclass(frozen=True)
class StatementMail:
    """One customer's statement in a run."""

    id: str
    run_id: str
    customer_id: str
    status: StatementStatus
    message_id: str
    recipients_masked: tuple[str, ...] = ()
    error: str | None = None
    attempts: int = 0
    sent_at: datetime | None = None


class StatementPeriodInvalid(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, field="to")


class StatementRunNotFound(DomainError):
    def __init__(self, run_id: str) -> None:
        super().__init__(f"No statement run with id {run_id}.")


def years_from(day: date, years: int) -> date:
    """The same day `years` later (earlier when negative); 29 February becomes 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def check_statement_period(date_from: date, date_to: date) -> None:
    """From on or before to, and at most a year long: longer is an archive request, not a
    statement a customer reads."""
    if date_to < date_from:
        raise StatementPeriodInvalid(f"The period ends ({date_to}) before it starts ({date_from}).")
    if date_to >= years_from(date_from, 1):
        raise StatementPeriodInvalid(
            f"The period {date_from} to {date_to} is longer than a year; send one per year."
        )


def mails_of_run(
    run_id: str, customer_ids: list[str], new_id: Callable[[], str], domain: str
) -> list[StatementMail]:
    mails = []
    for customer_id in sorted(customer_ids):
        mail_id = new_id()
        mails.append(
            StatementMail(
                id=mail_id,
                run_id=run_id,
                customer_id=customer_id,
                status=StatementStatus.QUEUED,
                # Stable across retries, so a receiver can drop a re-sent copy.
                message_id=f"<{mail_id}@{domain}>",
            )
        )
    return mails


def notice_statement_period(as_of: date) -> tuple[date, date]:
    """The statement a dunning notice carries: the year up to its run's date."""
    return years_from(as_of, -1) + timedelta(days=1), as_of
