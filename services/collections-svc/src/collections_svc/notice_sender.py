"""The worker's notice senders: a bounded number of them (`COLLECTIONS_NOTICE_SENDERS`) take
queued e-mails one at a time each and send them over SMTP, each on its own reused connection.
Claiming locks the notice and marks it `sending` in one committed step, so two senders never
take the same notice.

SMTP cannot be exactly once. A notice is marked `sending` (committed) before the SMTP call and
`sent` after; a sender killed in between leaves it `sending`, and after the lease it is sent
again with the same Message-ID, so the receiving side can tell the copy apart and drop it.
No invoice and level is ever put in a second notice: that is decided by the run, not here.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Protocol

from prometheus_client import Counter

from collections_svc.adapters.mailer import MailNotSent
from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.notice import Notice, NoticeStatus
from collections_svc.domain.recheck import mask_email
from collections_svc.resources import CollectionsResources
from collections_svc.use_cases.send_notice import (
    claim_next_notice,
    record_failed,
    record_sent,
    turn_into_letter,
)

NOTICES = Counter(
    "ledgerflow_notices_total", "Dunning notices by channel and final status", ["channel", "status"]
)
log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


async def send_next_notice(
    resources: CollectionsResources,
    clock: Clock = utc_now,
    connection: Mailer | None = None,
) -> bool:
    """Sends (or suppresses, or turns into a letter) the next queued e-mail, on `connection`
    if given (else a connection of its own); False when none is waiting or nobody can be asked
    whom to send to."""
    sending = resources.sending
    if sending.recipients is None:
        return False
    async with resources.sessions() as session:
        uow = CollectionsUnitOfWork(session)
        now = clock()
        notice = await claim_next_notice(
            uow, at=now, lease=sending.lease, business_date=resources.business_date(now)
        )
        await uow.commit()
    if notice is None:
        return False
    claimed: Notice = notice
    if notice.status is NoticeStatus.SUPPRESSED:
        NOTICES.labels(notice.channel.value, notice.status.value).inc()
        return True
    recipients = await sending.recipients.recipients_of(notice.customer_id)
    if not recipients.emails:
        notice = await _in_transaction(
            resources, lambda uow: turn_into_letter(uow, claimed, clock())
        )
    else:
        masked = tuple(mask_email(address) for address in recipients.emails)
        message = sending.mail.render(notice, recipients.emails, recipients.language, clock())
        error = await _deliver(resources, message, connection or sending.mailer)
        if error is None:
            notice = await _in_transaction(
                resources, lambda uow: record_sent(uow, claimed, masked, clock())
            )
        else:
            failure = error
            log.warning("notice %s not sent: %s", notice.id, error)
            notice = await _in_transaction(
                resources, lambda uow: record_failed(uow, claimed, masked, failure)
            )
    NOTICES.labels(notice.channel.value, notice.status.value).inc()
    return True


async def _deliver(
    resources: CollectionsResources, message: EmailMessage, mailer: Mailer
) -> str | None:
    """None once the server took the message; the last error after every attempt failed."""
    sending = resources.sending
    error = "not attempted"
    for attempt in range(sending.attempts):
        if attempt:
            await asyncio.sleep(sending.backoff_s * 2 ** (attempt - 1))
        try:
            await mailer.send(message)
            return None
        except MailNotSent as exc:
            error = str(exc)
    return error


async def _in_transaction(
    resources: CollectionsResources, step: Callable[[CollectionsUnitOfWork], Awaitable[Notice]]
) -> Notice:
    async with resources.sessions() as session:
        uow = CollectionsUnitOfWork(session)
        notice = await step(uow)
        await uow.commit()
    return notice


async def send_notices(resources: CollectionsResources) -> None:
    """Runs beside the worker's consumers for its whole life: the configured number of
    senders, side by side."""
    async with asyncio.TaskGroup() as senders:
        for _ in range(resources.sending.senders):
            senders.create_task(_sender(resources))


async def _sender(resources: CollectionsResources) -> None:
    connection = resources.sending.mailer.connection()
    try:
        while True:
            try:
                busy = await send_next_notice(resources, connection=connection)
            except Exception:
                log.exception("notice sender step failed; trying again shortly")
                busy = False
            if not busy:
                # An idle connection would be closed by the server anyway.
                await connection.close()
                await asyncio.sleep(resources.sending.poll_s)
    finally:
        await connection.close()
