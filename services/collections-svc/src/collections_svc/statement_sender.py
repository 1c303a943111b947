"""The worker's statement sender: takes the statement runs' queued e-mails one at a time and
sends each with the ledger's statement PDF, as the notice sender sends notices (same SMTP
server, retries, lease and stable Message-ID)."""

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage

from prometheus_client import Counter

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.recheck import mask_email
from collections_svc.domain.statement_run import StatementStatus
from collections_svc.mail_delivery import deliver, in_transaction
from collections_svc.resources import CollectionsResources
from collections_svc.use_cases.mail_statements import (
    claim_next_statement,
    record_statement_sent,
    record_statement_unsent,
)

STATEMENTS = Counter(
    "ledgerflow_statements_total", "Scheduled statements by final status", ["status"]
)
log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


async def send_next_statement(
    resources: CollectionsResources, clock: Callable[[], datetime] = utc_now
) -> bool:
    """Sends the next queued statement; False when none is waiting or nobody can be asked
    whom to send to or for the statement."""
    sending = resources.sending
    recipients_of, statements = sending.recipients, sending.statements
    if recipients_of is None or statements is None:
        return False
    async with resources.sessions() as session:
        uow = CollectionsUnitOfWork(session)
        claimed = await claim_next_statement(uow, at=clock(), lease=sending.lease)
        await uow.commit()
    if claimed is None:
        return False
    mail, run = claimed
    recipients = await recipients_of.recipients_of(mail.customer_id)
    if not recipients.emails:
        done = await in_transaction(
            resources,
            lambda uow: record_statement_unsent(uow, mail, StatementStatus.NO_RECIPIENT),
        )
        STATEMENTS.labels(done.status.value).inc()
        return True
    masked = tuple(mask_email(address) for address in recipients.emails)
    period = (run.date_from, run.date_to)

    async def compose() -> EmailMessage:
        pdf = await statements.statement_pdf(mail.customer_id, *period)
        return sending.mail.render_statement(
            mail, period, recipients.emails, recipients.language, clock(), pdf
        )

    error = await deliver(resources, compose)
    if error is None:
        done = await in_transaction(
            resources, lambda uow: record_statement_sent(uow, mail, run, masked, clock())
        )
    else:
        failure = error
        log.warning("statement %s not sent: %s", mail.id, error)
        done = await in_transaction(
            resources,
            lambda uow: record_statement_unsent(uow, mail, StatementStatus.FAILED, masked, failure),
        )
    STATEMENTS.labels(done.status.value).inc()
    return True
