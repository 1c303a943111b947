"""What collections-svc builds once per process from its settings."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from collections_svc.adapters.ledger_statements import LedgerStatements, StatementSource
from collections_svc.adapters.mailer import SmtpMailer, SmtpServer
from collections_svc.adapters.notice_mail import NoticeMail
from collections_svc.adapters.recipients import CustomerServiceRecipients, RecipientDirectory
from collections_svc.domain.run_schedule import RunSchedule
from collections_svc.settings import Settings
from ledgerflow_platform.documents.letterhead import Letterhead
from ledgerflow_platform.spec import Sessions


@dataclass(frozen=True)
class NoticeSending:
    """How notices leave: rendered, addressed from customer-svc, handed to an SMTP server."""

    mail: NoticeMail
    mailer: SmtpMailer
    recipients: RecipientDirectory | None
    # The ledger's statement PDF every e-mail carries; without it nothing is sent.
    statements: StatementSource | None
    attempts: int
    backoff_s: float
    lease: timedelta
    poll_s: float


@dataclass(frozen=True)
class CollectionsResources:
    sessions: Sessions
    pinned_business_date: date | None
    mail_domain: str
    sending: NoticeSending
    # What letters are printed with.
    letterhead: Letterhead = field(default_factory=lambda: Letterhead("Ledgerflow"))
    font_file: Path | None = None
    run_schedule: RunSchedule | None = None

    def business_date(self, now: datetime) -> date:
        return self.pinned_business_date or now.date()


def notice_sending(
    settings: Settings,
    recipients: RecipientDirectory | None,
    statements: StatementSource | None,
) -> NoticeSending:
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    server = SmtpServer(
        host=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username,
        password=password,
        starttls=settings.smtp_starttls,
        timeout_s=settings.smtp_timeout_s,
    )
    return NoticeSending(
        mail=NoticeMail(settings.mail_from),
        mailer=SmtpMailer(server),
        recipients=recipients,
        statements=statements,
        attempts=settings.smtp_attempts,
        backoff_s=settings.smtp_backoff_s,
        lease=timedelta(seconds=settings.notice_lease_s),
        poll_s=settings.notice_poll_s,
    )


@asynccontextmanager
async def collections_resources(
    settings: Settings, sessions: Sessions
) -> AsyncIterator[CollectionsResources]:
    # Without customer-svc's address no notice can be addressed, and without the ledger's
    # none can carry its statement: the sender then waits.
    client = (
        settings.service_client("customer", calling="collections")
        if settings.customer_url is not None
        else None
    )
    ledger = (
        settings.service_client("ledger", calling="collections")
        if settings.ledger_url is not None
        else None
    )
    try:
        yield CollectionsResources(
            sessions=sessions,
            pinned_business_date=settings.business_date,
            mail_domain=settings.mail_domain,
            sending=notice_sending(
                settings,
                CustomerServiceRecipients(client) if client is not None else None,
                LedgerStatements(ledger) if ledger is not None else None,
            ),
            letterhead=settings.letterhead(),
            font_file=settings.document_font_file,
            run_schedule=(
                RunSchedule.parse(settings.run_schedule) if settings.run_schedule else None
            ),
        )
    finally:
        for opened in (client, ledger):
            if opened is not None:
                await opened.aclose()
