"""Operators list dead letters and re-drive them once the cause is fixed."""

from datetime import date
from pathlib import Path

import pytest
from fastapi import APIRouter
from sqlalchemy import Column, MetaData, Table, Text, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_events.inbox import Outcome, ReceivedEvent
from ledgerflow_events.outbox import Outbox
from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_platform.idempotency import define_idempotency_table
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec
from ledgerflow_platform.testing import KeyPair, app_client, event_delivery, scraped

metadata = MetaData()
messaging = define_messaging_tables(metadata)
seen = Table("seen", metadata, Column("invoice_id", Text, primary_key=True))


class Switch:
    """Whether the handler is missing what it needs (not an outage: that is waited out)."""

    broken = True


async def on_invoice_issued(session: AsyncSession, event: ReceivedEvent[InvoiceIssued]) -> None:
    if Switch.broken:
        raise LookupError("no tax rate for the region")
    await session.execute(seen.insert().values(invoice_id=event.data.invoice_id))


SPEC = ServiceSpec(
    name="probe",
    title="probe",
    description="A consumer whose handler fails until it is fixed.",
    version="0",
    messaging=messaging,
    idempotency_keys=define_idempotency_table(metadata),
    migrations_dir=Path("."),
    routers=[APIRouter()],
    errors={},
    outbox=Outbox(messaging, source="probe", topic="probe.events"),
    handlers={InvoiceIssued: on_invoice_issued},
)


@pytest.fixture
async def settings(pg_server, kafka_broker, auth_keys: KeyPair) -> ServiceSettings:  # type: ignore[no-untyped-def]
    url = pg_server.create_database("probe")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    await engine.dispose()
    return ServiceSettings(
        database_url=url,
        port=0,
        kafka_bootstrap_servers=kafka_broker.bootstrap_servers,
        auth_public_key=auth_keys.public_pem,
    )


async def test_a_dead_letter_is_listed_refused_while_failing_and_applied_once_fixed(
    settings: ServiceSettings, auth_keys: KeyPair
) -> None:
    Switch.broken = True
    invoice = InvoiceIssued(
        customer_id="c1",
        invoice_id="inv-1",
        number="INV-1",
        currency="EUR",
        total="10.00",
        issue_date=date(2026, 11, 1),
        due_date=date(2026, 12, 1),
    )
    async with event_delivery(SPEC, settings) as delivery:
        assert await delivery.deliver(invoice) == Outcome.DEAD_LETTERED

    admin = auth_keys.auth("admin")
    async with app_client(SPEC, settings) as client:
        listed = (await client.get("/v1/admin/dead-letters", headers=admin)).json()["items"]
        assert [(d["event_type"], d["error"]) for d in listed] == [
            ("ledger.invoice_issued.v1", "LookupError: no tax rate for the region")
        ]
        dead_id = listed[0]["id"]
        assert (
            await client.get("/v1/admin/dead-letters", headers=auth_keys.auth("auditor"))
        ).status_code == 403

        still = await client.post(f"/v1/admin/dead-letters/{dead_id}:redrive", headers=admin)
        assert still.status_code == 409
        assert still.json()["detail"] == "LookupError: no tax rate for the region"

        Switch.broken = False
        fixed = await client.post(f"/v1/admin/dead-letters/{dead_id}:redrive", headers=admin)
        assert fixed.status_code == 200
        again = await client.post(f"/v1/admin/dead-letters/{dead_id}:redrive", headers=admin)
        assert again.status_code == 404
        assert (await client.get("/v1/admin/dead-letters", headers=admin)).json()["items"] == []

    engine = create_async_engine(settings.database_url)
    async with engine.connect() as conn:
        assert (await conn.execute(select(seen.c.invoice_id))).scalars().all() == ["inv-1"]
    await engine.dispose()


async def test_a_scrape_counts_the_dead_letters_waiting_in_the_database_and_reports_readiness(
    settings: ServiceSettings, auth_keys: KeyPair
) -> None:
    Switch.broken = True
    invoice = InvoiceIssued(
        customer_id="c2",
        invoice_id="inv-2",
        number="INV-2",
        currency="EUR",
        total="20.00",
        issue_date=date(2026, 11, 1),
        due_date=date(2026, 12, 1),
    )
    async with event_delivery(SPEC, settings) as delivery:
        assert await delivery.deliver(invoice) == Outcome.DEAD_LETTERED

    admin = auth_keys.auth("admin")
    async with app_client(SPEC, settings) as client:
        metrics = (await client.get("/metrics")).text
        assert scraped(metrics, "ledgerflow_dead_letters_pending", service="probe") == {"": 1.0}
        assert scraped(metrics, "ledgerflow_ready", service="probe") == {
            "dependency=broker": 1.0,
            "dependency=database": 1.0,
            "dependency=migrations": 1.0,
        }
        Switch.broken = False
        dead_id = (await client.get("/v1/admin/dead-letters", headers=admin)).json()["items"][0]
        fixed = await client.post(f"/v1/admin/dead-letters/{dead_id['id']}:redrive", headers=admin)
        assert fixed.status_code == 200
        after = (await client.get("/metrics")).text
        assert scraped(after, "ledgerflow_dead_letters_pending", service="probe") == {"": 0.0}
