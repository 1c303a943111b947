"""Test support shared by the services' suites: keys, tokens, and an app on real Postgres."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from asgi_lifespan import LifespanManager
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.dead_letters import DeadLetterWriter
from ledgerflow_events.inbox import InboxProcessor, Outcome, RetryPolicy
from ledgerflow_events.testing import as_record, cloud_event
from ledgerflow_platform.app import build_app
from ledgerflow_platform.auth.tokens import issue_token
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.migrations import upgrade_to_head
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec
from ledgerflow_platform.web.problems import PROBLEM_BASE, PROBLEM_JSON


@dataclass(frozen=True)
class KeyPair:
    private_pem: str
    public_pem: str

    @classmethod
    def generate(cls) -> "KeyPair":
        key = Ed25519PrivateKey.generate()
        private = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        public = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return cls(private.decode(), public.decode())

    def auth(self, *roles: str, subject: str = "tester") -> dict[str, str]:
        """Headers carrying a bearer token with these roles."""
        return {"Authorization": f"Bearer {issue_token(self.private_pem, roles, subject=subject)}"}


async def migrate(spec: ServiceSpec, database_url: str) -> None:
    # Alembic runs its own event loop; keep it off the test's loop.
    await asyncio.to_thread(upgrade_to_head, spec.migrations_dir, database_url)


@asynccontextmanager
async def app_client(
    spec: ServiceSpec, settings: ServiceSettings
) -> AsyncIterator[httpx.AsyncClient]:
    """The service's real app, lifespan included, behind an in-process HTTP client."""
    app = build_app(spec, settings)
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


class EventDelivery:
    """Delivers events to a service's handlers through its real inbox, as its consumer would."""

    def __init__(self, spec: ServiceSpec, settings: ServiceSettings) -> None:
        self._spec = spec
        self._engine = create_engine(settings, pool_size=2)
        sessions = session_factory(self._engine)
        self._dead_letters = DeadLetterWriter(
            settings.kafka(), sessions, spec.messaging, service=spec.name
        )
        self.processor = InboxProcessor(
            sessions,
            spec.messaging,
            spec.handlers,
            self._dead_letters,
            service=spec.name,
            retry=RetryPolicy(attempts=1),
        )
        self._offset = 0

    async def deliver(self, data: EventData, *, event_id: str | None = None) -> Outcome:
        """Deliver one event; pass the same `event_id` twice to redeliver it."""
        event = cloud_event(data, event_id=event_id)
        self._offset += 1
        topic = f"{data.producer}.events"
        # As the consumer applies it: a batch of one, the path every consumed event takes.
        record = as_record(event, topic=topic, offset=self._offset)
        (outcome,) = await self.processor.process_batch([record])
        return outcome

    async def deliver_batch(self, *events: EventData) -> list[Outcome]:
        """Deliver events as one partition's fetched batch: in one transaction if all apply."""
        records = []
        for data in events:
            self._offset += 1
            topic = f"{data.producer}.events"
            records.append(as_record(cloud_event(data), topic=topic, offset=self._offset))
        return await self.processor.process_batch(records)

    async def close(self) -> None:
        await self._dead_letters.close()
        await self._engine.dispose()


@asynccontextmanager
async def event_delivery(
    spec: ServiceSpec, settings: ServiceSettings
) -> AsyncIterator[EventDelivery]:
    delivery = EventDelivery(spec, settings)
    try:
        yield delivery
    finally:
        await delivery.close()


class ServiceDb:
    """Reads a service's tables directly, as an auditor of what a request or event left behind."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        async with self.engine.connect() as conn:
            return [tuple(r) for r in await conn.execute(text(sql), params)]

    async def outbox(self, customer_id: str) -> list[tuple[str, dict[str, Any]]]:
        """(event type, payload) of every event recorded for the customer, in order."""
        rows = await self.rows(
            "SELECT type, payload FROM outbox WHERE aggregateid = :c ORDER BY position",
            c=customer_id,
        )
        return [(r[0], r[1]) for r in rows]

    async def counts(self, *tables: str) -> dict[str, int]:
        """Rows per table: proof that a refused request wrote nothing."""
        found: dict[str, int] = {}
        for table in tables:
            [(count,)] = await self.rows(f"SELECT count(*) FROM {table}")  # noqa: S608
            found[table] = count
        return found


@asynccontextmanager
async def service_db(database_url: str) -> AsyncIterator[ServiceDb]:
    engine = create_async_engine(database_url)
    try:
        yield ServiceDb(engine)
    finally:
        await engine.dispose()


def assert_problem(
    response: httpx.Response, status: int, slug: str, *, fields: list[str] | None = None
) -> dict[str, Any]:
    """The response is the RFC 9457 problem `slug` with this status, naming exactly `fields`
    (when given) in its errors; returns the problem's body for further asserts."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    body: dict[str, Any] = response.json()
    assert body["type"] == PROBLEM_BASE + slug, body
    assert body["status"] == status, body
    if fields is not None:
        assert [e["field"] for e in body.get("errors", [])] == fields, body
    return body


def scraped(text: str, name: str, **only: str) -> dict[str, float]:
    """The samples of metric `name` in a /metrics page whose labels include `only`, keyed by
    their other labels as "k=v,k=v" ("" for none)."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = sample.labels
            if sample.name == name and all(labels.get(k) == v for k, v in only.items()):
                rest = sorted((k, v) for k, v in labels.items() if k not in only)
                found[",".join(f"{k}={v}" for k, v in rest)] = sample.value
    return found
