"""The notice sender wired as the worker wires it, to a real SMTP server, with a directory of
recipients standing in for customer-svc and a clock that moves a second per reading."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest

from collections_svc.adapters.recipients import Recipients
from collections_svc.notice_sender import send_next_notice
from collections_svc.resources import CollectionsResources, notice_sending
from collections_svc.settings import Settings
from ledgerflow_platform.database import create_engine, session_factory

from .mail_sink import MailSink

START = datetime(2026, 12, 31, 9, 0, tzinfo=UTC)


@dataclass
class Directory:
    found: dict[str, Recipients] = field(default_factory=dict)

    async def recipients_of(self, customer_id: str) -> Recipients:
        return self.found.get(customer_id, Recipients((), "en"))


@dataclass
class Sender:
    resources: CollectionsResources
    directory: Directory
    sink: MailSink
    ticks: "count[int]" = field(default_factory=count)
    # Moved on to let a claimed notice's lease run out.
    later_by: timedelta = timedelta(0)

    def clock(self) -> datetime:
        return START + self.later_by + timedelta(seconds=next(self.ticks))

    async def send(self) -> bool:
        return await send_next_notice(self.resources, self.clock)


@pytest.fixture
async def sender(settings: Settings, mail_sink: tuple[MailSink, int]) -> AsyncIterator[Sender]:
    sink, port = mail_sink
    engine = create_engine(settings, pool_size=2)
    directory = Directory()
    smtp = settings.model_copy(
        update={"smtp_port": port, "smtp_attempts": 2, "smtp_backoff_s": 0.0, "notice_lease_s": 60}
    )
    resources = CollectionsResources(
        sessions=session_factory(engine),
        pinned_business_date=settings.business_date,
        mail_domain=settings.mail_domain,
        sending=notice_sending(smtp, directory),
    )
    yield Sender(resources, directory, sink)
    await engine.dispose()
