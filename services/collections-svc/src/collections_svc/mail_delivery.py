"""Handing a composed e-mail to the SMTP server with retries, shared by the notice and the
statement senders. Composing is part of each attempt: the ledger's statement PDF is fetched
then, so an e-mail never leaves without it, and a ledger that cannot be reached is retried
with the same backoff as a refusing SMTP server."""

import asyncio
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from typing import TypeVar

from collections_svc.adapters.ledger_statements import StatementUnavailable
from collections_svc.adapters.mailer import MailNotSent
from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.resources import CollectionsResources

Compose = Callable[[], Awaitable[EmailMessage]]
T = TypeVar("T")


async def deliver(resources: CollectionsResources, compose: Compose) -> str | None:
    """None once the server took the message; the last error after every attempt failed."""
    sending = resources.sending
    error = "not attempted"
    for attempt in range(sending.attempts):
        if attempt:
            await asyncio.sleep(sending.backoff_s * 2 ** (attempt - 1))
        try:
            message = await compose()
            await sending.mailer.send(message)
            return None
        except (MailNotSent, StatementUnavailable) as exc:
            error = str(exc)
    return error


async def in_transaction(
    resources: CollectionsResources, step: Callable[[CollectionsUnitOfWork], Awaitable[T]]
) -> T:
    async with resources.sessions() as session:
        uow = CollectionsUnitOfWork(session)
        done = await step(uow)
        await uow.commit()
    return done
