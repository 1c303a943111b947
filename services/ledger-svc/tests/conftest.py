from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy.ext.asyncio import create_async_engine
from uuid6 import uuid7

from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import (
    EventDelivery,
    KeyPair,
    ServiceDb,
    app_client,
    event_delivery,
    migrate,
)

RegisterCustomer = Callable[..., Awaitable[str]]

# The business date the ledger's tests run on: after every date they post or run on, so that
# the guard against future dates (ledgerflow_platform.web.business_date) lets them through
# whatever day the suite runs; tests of the guard set their own.
TEST_BUSINESS_DATE = date(2040, 12, 31)


LEDGER_TABLES = (
    "invoices",
    "invoice_lines",
    "payments",
    "payment_allocations",
    "outbox",
    "invoice_counters",
    "event_streams",
    "idempotency_keys",
    "invoice_instalments",
    "journal_entries",
    "journal_lines",
    "payment_reversals",
    "credit_applications",
    "credit_application_allocations",
    "credit_application_draws",
)


class LedgerDb(ServiceDb):
    """The ledger's tables, read directly."""

    async def counts(self, *tables: str) -> dict[str, int]:
        return await super().counts(*(tables or LEDGER_TABLES))


@pytest.fixture(scope="module")
async def database_url(pg_server) -> str:  # type: ignore[no-untyped-def]
    url = pg_server.create_database("ledger")
    await migrate(SPEC, url)
    return url


@pytest.fixture(scope="module")
def settings(database_url: str, auth_keys: KeyPair) -> Settings:
    return Settings(
        database_url=database_url,
        auth_public_key=auth_keys.public_pem,
        business_date=TEST_BUSINESS_DATE,
        # The reversal tests exercise the reversal itself; holding reversals for a second
        # user (on by default) is tested in api/controls/ with the default settings.
        sod_payment_reversal_approval=False,
    )


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

    async def register(
        currency: str = "EUR", payment_terms_days: int = 30, name: str = "Acme Trading Ltd"
    ) -> str:
        customer_id = str(uuid7())
        registered = CustomerRegistered(
            customer_id=customer_id,
            name=name,
            currency=currency,
            payment_terms_days=payment_terms_days,
            registered_at=datetime(2026, 1, 2, tzinfo=UTC),
        )
        assert await delivery.deliver(registered) == Outcome.APPLIED
        return customer_id

    return register
