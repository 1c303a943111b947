"""The notice sender wired as the worker wires it, to a real SMTP server, with a directory of
recipients standing in for customer-svc, a statement printer standing in for the ledger (the
real ledger's statement is attached in tests/e2e) and a clock that moves a second per
reading."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from itertools import count

import httpx
import pytest
from asgi_lifespan import LifespanManager

from collections_svc.adapters.ledger_statements import StatementUnavailable
from collections_svc.adapters.recipients import Recipients
from collections_svc.notice_sender import send_next_notice
from collections_svc.resources import CollectionsResources, notice_sending
from collections_svc.service import SPEC
from collections_svc.settings import Settings
from collections_svc.statement_sender import send_next_statement
from ledgerflow_platform.app import build_app
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.documents.layout import Document
from ledgerflow_platform.documents.letterhead import Letterhead

from .mail_sink import MailSink

START = datetime(2026, 12, 31, 9, 0, tzinfo=UTC)


@dataclass
class Directory:
    found: dict[str, Recipients] = field(default_factory=dict)

    async def recipients_of(self, customer_id: str) -> Recipients:
        return self.found.get(customer_id, Recipients((), "en"))


@dataclass
class Statements:
    """Prints a one-line statement naming what was asked for; refuses while `down` > 0."""

    asked: list[tuple[str, date, date]] = field(default_factory=list)
    down: int = 0

    async def statement_pdf(self, customer_id: str, date_from: date, date_to: date) -> bytes:
        self.asked.append((customer_id, date_from, date_to))
        if self.down:
            self.down -= 1
            raise StatementUnavailable("ledger statement: ledger did not answer (ConnectError)")
        doc = Document("Statement of account", Letterhead("Ledgerflow"))
        doc.paragraph(f"Customer {customer_id} from {date_from} to {date_to}")
        return doc.render()


@dataclass
class Sender:
    resources: CollectionsResources
    directory: Directory
    sink: MailSink
    statements: Statements
    ticks: "count[int]" = field(default_factory=count)
    # Moved on to let a claimed notice's lease run out.
    later_by: timedelta = timedelta(0)

    def clock(self) -> datetime:
        return START + self.later_by + timedelta(seconds=next(self.ticks))

    async def send(self) -> bool:
        return await send_next_notice(self.resources, self.clock)

    async def send_statement(self) -> bool:
        return await send_next_statement(self.resources, self.clock)


@pytest.fixture
async def sender(settings: Settings, mail_sink: tuple[MailSink, int]) -> AsyncIterator[Sender]:
    sink, port = mail_sink
    engine = create_engine(settings, pool_size=2)
    directory, statements = Directory(), Statements()
    smtp = settings.model_copy(
        update={"smtp_port": port, "smtp_attempts": 2, "smtp_backoff_s": 0.0, "notice_lease_s": 60}
    )
    resources = CollectionsResources(
        sessions=session_factory(engine),
        pinned_business_date=settings.business_date,
        mail_domain=settings.mail_domain,
        sending=notice_sending(smtp, directory, statements),
    )
    yield Sender(resources, directory, sink, statements)
    await engine.dispose()


@pytest.fixture
async def wired_client(settings: Settings, sender: Sender) -> AsyncIterator[httpx.AsyncClient]:
    """The API with the sender's stand-ins for customer-svc and the ledger, for the routes
    that read them (a legal bundle)."""
    app = build_app(SPEC, settings)
    async with LifespanManager(app) as manager:
        app.state.resources = replace(app.state.resources, sending=sender.resources.sending)
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client
