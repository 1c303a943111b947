"""The worker's notice sender: takes queued e-mails one at a time and sends them over SMTP,
each with the ledger's statement of account attached.

SMTP cannot be exactly once. A notice is marked `sending` (committed) before the SMTP call and
`sent` after; a sender killed in between leaves it `sending`, and after the lease it is sent
again with the same Message-ID, so the receiving side can tell the copy apart and drop it.
No invoice and level is ever put in a second notice: that is decided by the run, not here.
"""

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage

from prometheus_client import Counter

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.notice import Notice, NoticeStatus
from collections_svc.domain.recheck import mask_email
from collections_svc.mail_delivery import deliver, in_transaction
from collections_svc.resources import CollectionsResources
from collections_svc.statement_sender import send_next_statement
from collections_svc.use_cases.send_notice import (
    claim_next_notice,
    record_failed,
    record_sent,
    statement_period_of,
    turn_into_letter,
)

NOTICES = Counter(
    "ledgerflow_notices_total", "Dunning notices by channel and final status", ["channel", "status"]
)
log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


async def send_next_notice(resources: CollectionsResources, clock: Clock = utc_now) -> bool:
    """Sends (or suppresses, or turns into a letter) the next queued e-mail; False when none
    is waiting or nobody can be asked whom to send to or for the statement."""
    sending = resources.sending
    recipients_of, statements = sending.recipients, sending.statements
    if recipients_of is None or statements is None:
        return False
    async with resources.sessions() as session:
        now = clock()
        uow = CollectionsUnitOfWork(session)
        notice = await claim_next_notice(
            uow, at=now, lease=sending.lease, business_date=resources.business_date(now)
        )
        period = await statement_period_of(uow, notice) if notice is not None else None
        await uow.commit()
    if notice is None or period is None:
        return False
    claimed: Notice = notice
    if notice.status is NoticeStatus.SUPPRESSED:
        NOTICES.labels(notice.channel.value, notice.status.value).inc()
        return True
    recipients = await recipients_of.recipients_of(notice.customer_id)
    if not recipients.emails:
        notice = await in_transaction(
            resources, lambda uow: turn_into_letter(uow, claimed, clock())
        )
    else:
        masked = tuple(mask_email(address) for address in recipients.emails)

        async def compose() -> EmailMessage:
            pdf = await statements.statement_pdf(claimed.customer_id, *period)
            return sending.mail.render(
                claimed, recipients.emails, recipients.language, clock(), pdf
            )

        error = await deliver(resources, compose)
        if error is None:
            notice = await in_transaction(
                resources, lambda uow: record_sent(uow, claimed, masked, clock())
            )
        else:
            failure = error
            log.warning("notice %s not sent: %s", notice.id, error)
            notice = await in_transaction(
                resources, lambda uow: record_failed(uow, claimed, masked, failure)
            )
    NOTICES.labels(notice.channel.value, notice.status.value).inc()
    return True


async def send_notices(resources: CollectionsResources) -> None:
    """Runs beside the worker's consumers for its whole life: dunning notices first, then
    scheduled statements."""
    while True:
        try:
            busy = await send_next_notice(resources) or await send_next_statement(resources)
        except Exception:
            log.exception("notice sender step failed; trying again shortly")
            busy = False
        if not busy:
            await asyncio.sleep(resources.sending.poll_s)
