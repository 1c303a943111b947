from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from uuid6 import uuid7

from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_events.contracts import CustomerRegistered
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair, app_client, event_delivery, migrate

RegisterCustomer = Callable[..., Awaitable[str]]


class LedgerDb:
    """Reads the ledger's tables directly, as an auditor of what a request left behind."""

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

    async def counts(self) -> dict[str, int]:
        """How many rows each ledger table holds: proof that a refused request wrote nothing."""
        tables = ("invoices", "invoice_lines", "payments", "payment_allocations", "outbox")
        tables += ("invoice_counters", "event_streams", "idempotency_keys")
        found: dict[str, int] = {}
        for table in tables:
            [(count,)] = await self.rows(f"SELECT count(*) FROM {table}")  # noqa: S608
            found[table] = count
        return found


@pytest.fixture(scope="module")
async def database_url(pg_server) -> str:  # type: ignore[no-untyped-def]
    url = pg_server.create_database("ledger")
    await migrate(SPEC, url)
    return url


@pytest.fixture(scope="module")
def settings(database_url: str, auth_keys: KeyPair) -> Settings:
    return Settings(database_url=database_url, auth_public_key=auth_keys.public_pem)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(SPEC, settings) as c:
        yield c


@pytest.fixture(scope="module")
async def delivery(settings: Settings) -> AsyncIterator[EventDelivery]:
    async with event_delivery(SPEC, settings) as d:
        yield d


@pytest.fixture(scope="module")
async def ledger_db(database_url: str) -> AsyncIterator[LedgerDb]:
    engine = create_async_engine(database_url)
    yield LedgerDb(engine)
    await engine.dispose()


@pytest.fixture
def register_customer(delivery: EventDelivery) -> RegisterCustomer:
    """Open a ledger account the way production does: CustomerRegistered through the inbox."""

    async def register(currency: str = "EUR", payment_terms_days: int = 30) -> str:
        customer_id = str(uuid7())
        registered = CustomerRegistered(
            customer_id=customer_id,
            name="Acme Trading Ltd",
            currency=currency,
            payment_terms_days=payment_terms_days,
            registered_at=datetime(2026, 1, 2, tzinfo=UTC),
        )
        assert await delivery.deliver(registered) == Outcome.APPLIED
        return customer_id

    return register
