"""POST /v1/admin/projections:rebuild empties reporting's projections and inbox, asks every
producer to replay its outbox with reporting's own service token, and follows the events
coming back; once they are applied again every report is what it was."""

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Any

import httpx
import jwt
import pytest
from uuid6 import uuid7

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.credit import CreditLimitChanged, GradeChanged
from ledgerflow_events.contracts.ledger import CreditNoteIssued
from ledgerflow_platform.service_client import ServiceClient, ServiceCredentials
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import Sessions
from ledgerflow_platform.testing import EventDelivery, KeyPair, app_client, event_delivery
from reporting_svc.background import ReportingResources
from reporting_svc.service import SPEC

from .test_aging_report import issued, paid

ASKED: list[tuple[str, str]] = []


def producer(name: str, replayed: int) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/admin/outbox:replay"
        ASKED.append((name, request.headers["authorization"].removeprefix("Bearer ")))
        return httpx.Response(202, json={"replayed": replayed})

    return httpx.MockTransport(answer)


@pytest.fixture
async def platform_view(
    settings: ServiceSettings, auth_keys: KeyPair
) -> AsyncIterator[tuple[httpx.AsyncClient, EventDelivery]]:
    credentials = ServiceCredentials(auth_keys.private_pem, subject="reporting-svc",
                                     issuer="ledgerflow", audience="ledgerflow")  # fmt: skip

    @asynccontextmanager
    async def resources(_: Any, sessions: Sessions) -> AsyncIterator[ReportingResources]:
        names = ("customer", "ledger", "credit", "collections")
        clients = {name: ServiceClient(name, f"http://{name}", credentials,
                                       transport=producer(name, n))
                   for n, name in enumerate(names)}  # fmt: skip
        yield ReportingResources(sessions, 60.0, None, None, clients)
        for client in clients.values():
            await client.aclose()

    spec = dataclasses.replace(SPEC, resources=resources)
    async with app_client(spec, settings) as client, event_delivery(spec, settings) as delivery:
        yield client, delivery


async def reports(client: httpx.AsyncClient, keys: KeyPair, c: str) -> list[Any]:
    got = []
    for path, params in [
        ("aging", {"as_of": "2026-06-30", "customer_id": c}),
        ("dso", {"as_of": "2026-06-30", "customer_id": c, "method": "countback"}),
        ("cei", {"from": "2026-04-01", "to": "2026-06-30", "customer_id": c}),
        ("credit-exposure", {"as_of": "2026-06-30", "customer_id": c}),
        ("customer-value", {"as_of": "2026-06-30", "customer_id": c}),
    ]:
        response = await client.get(f"/v1/reports/{path}", params=params,
                                    headers=keys.auth("auditor"))  # fmt: skip
        assert response.status_code == 200, response.text
        got.append(response.json())
    return got


async def test_after_a_rebuild_and_the_replay_every_report_is_identical(
    platform_view: tuple[httpx.AsyncClient, EventDelivery], auth_keys: KeyPair
) -> None:
    client, delivery = platform_view
    c = str(uuid7())
    facts: list[EventData] = [
        issued(c, f"{c}/1", "1000.00", on=date(2026, 4, 10), due=date(2026, 5, 10)),
        issued(c, f"{c}/2", "300.00", on=date(2026, 6, 1), due=date(2026, 7, 1)),
        paid(c, str(uuid7()), date(2026, 5, 20), {f"{c}/1": "400.00"}),
        CreditNoteIssued(customer_id=c, credit_note_id=str(uuid7()), number="CN", currency="EUR",
                         amount="50.00", tax="0.00", issue_date=date(2026, 6, 5),
                         invoice_id=f"{c}/1", invoice_open_amount_after="550.00"),
        GradeChanged(customer_id=c, assessment_id="a", from_grade=None, to_grade="B",
                     score="70", policy_version=1, assessed_on=date(2026, 4, 1)),
        CreditLimitChanged(customer_id=c, limit_id=str(uuid7()), currency="EUR",
                           previous_limit=None, credit_limit="5000.00", reason="review",
                           effective_at=datetime(2026, 4, 1, tzinfo=UTC)),
    ]  # fmt: skip
    for fact in facts:
        await delivery.deliver(fact)
    before = await reports(client, auth_keys, c)
    assert before[0]["rows"][0]["total"] == "850.00"

    started = await client.post("/v1/admin/projections:rebuild", headers=auth_keys.auth("admin"))
    assert started.status_code == 202, started.text
    body = started.json()
    assert body["replayed"] == {"customer": 0, "ledger": 1, "credit": 2, "collections": 3}
    assert [name for name, _ in ASKED[-4:]] == ["customer", "ledger", "credit", "collections"]
    for _, token in ASKED[-4:]:
        claims = jwt.decode(token, options={"verify_signature": False})
        assert (claims["sub"], claims["roles"]) == ("reporting-svc", ["service"])
    emptied = await reports(client, auth_keys, c)
    assert emptied[0]["rows"] == []

    # The producers' replay brings the same events (same ids) back through the emptied inbox.
    for fact in facts:
        await delivery.deliver(fact)
    assert await reports(client, auth_keys, c) == before
    status = await client.get(f"/v1/admin/projections:rebuild/{body['rebuild_id']}",
                              headers=auth_keys.auth("admin"))  # fmt: skip
    assert status.status_code == 200, status.text
    assert status.json()["events_applied"] == len(facts)
    assert status.json()["caught_up"] is False  # the last event came back just now
    refused = await client.post("/v1/admin/projections:rebuild", headers=auth_keys.auth("auditor"))
    assert refused.status_code == 403
