"""Promises to pay (default policy: 3 days of grace): held while open, kept by payments,
broken by the first run after the grace, which resumes dunning in that same run."""

from datetime import date
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem, service_db

from .ledger import Collections, Ledger

D = date


async def in_arrears(delivery: EventDelivery, api: Collections) -> tuple[Ledger, str, str]:
    """A customer with one invoice of 300.00, due 2026-10-01, at level 2 since 2026-11-01."""
    ledger = Ledger(delivery)
    invoice = await ledger.issue("INV-P", "300.00", due=D(2026, 10, 1))
    await ledger.overdue(invoice, "300.00", as_of=D(2026, 10, 2))
    await api.ran(D(2026, 11, 1))
    cases = await api.client.get(
        "/v1/cases", params={"customer_id": ledger.customer}, headers=api.headers
    )
    return ledger, invoice, cases.json()["items"][0]["id"]


async def promised(api: Collections, case_id: str, **terms: Any) -> httpx.Response:
    body = {
        "amount": "300.00",
        "currency": "EUR",
        "promised_on": "2026-11-10",
        "made_on": "2026-11-02",
        **terms,
    }
    return await api.client.post(f"/v1/cases/{case_id}/promises", json=body, headers=api.headers)


async def test_payments_reaching_the_amount_by_the_last_day_keep_the_promise(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    api = Collections(client, auth_keys)
    ledger, invoice, case_id = await in_arrears(delivery, api)
    made = (await promised(api, case_id)).json()

    held = await api.lines(ledger.customer, await api.ran(D(2026, 11, 8)))
    await ledger.pay(invoice, "200.00", open_after="100.00", on=D(2026, 11, 5))
    await ledger.pay(invoice, "100.00", open_after="0.00", on=D(2026, 11, 13))
    kept = (await client.get(f"/v1/promises/{made['id']}", headers=api.headers)).json()

    assert held == []
    assert kept == {
        **made,
        "status": "kept",
        "paid": "300.00",
        "kept_on": "2026-11-13",
    }
    assert (made["held_until"], made["invoice_ids"]) == ("2026-11-13", [])
    async with service_db(database_url) as db:
        events = [e for e in await db.outbox(ledger.customer) if "promise" in e[0]]
    terms = {
        "customer_id": ledger.customer,
        "promise_id": made["id"],
        "case_id": case_id,
        "currency": "EUR",
        "amount": "300.00",
        "made_on": "2026-11-02",
        "promised_on": "2026-11-10",
        "invoice_ids": [],
    }
    assert events == [
        ("collections.promise_made.v1", terms),
        ("collections.promise_kept.v1", {**terms, "kept_on": "2026-11-13"}),
    ]


async def test_a_promise_short_after_the_grace_is_broken_and_dunning_resumes_in_that_run(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    api = Collections(client, auth_keys)
    ledger, invoice, case_id = await in_arrears(delivery, api)
    made = (await promised(api, case_id, invoice_ids=[invoice])).json()
    await ledger.pay(invoice, "100.00", open_after="200.00", on=D(2026, 11, 5))

    on_last_day = await api.lines(ledger.customer, await api.ran(D(2026, 11, 13)))
    after = await api.lines(ledger.customer, await api.ran(D(2026, 11, 20)))

    assert (on_last_day, after) == ([], [("INV-P", 3, "200.00", 50)])
    broken = (await client.get(f"/v1/promises/{made['id']}", headers=api.headers)).json()
    assert (broken["status"], broken["paid"], broken["broken_on"]) == (
        "broken",
        "100.00",
        "2026-11-20",
    )
    async with service_db(database_url) as db:
        events = [e for e in await db.outbox(ledger.customer) if "promise_broken" in e[0]]
    assert events == [
        (
            "collections.promise_broken.v1",
            {
                "customer_id": ledger.customer,
                "promise_id": made["id"],
                "case_id": case_id,
                "currency": "EUR",
                "amount": "300.00",
                "made_on": "2026-11-02",
                "promised_on": "2026-11-10",
                "invoice_ids": [invoice],
                "paid": "100.00",
                "broken_on": "2026-11-20",
            },
        )
    ]


@pytest.mark.parametrize(
    ("terms", "status", "slug", "field"),
    [
        ({"promised_on": "2026-11-01"}, 422, "promise-in-the-past", "promised_on"),
        ({"amount": "-5.00"}, 422, "validation-error", "amount"),
        ({"amount": "0"}, 422, "validation-error", "amount"),
        ({"invoice_ids": ["no-such-invoice"]}, 422, "unknown-invoice", "invoice_ids"),
        ({"promised_on": "2201-01-01"}, 422, "validation-error", "promised_on"),
    ],
)
async def test_a_bad_promise_is_refused_naming_the_field_and_nothing_changes(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    database_url: str,
    terms: dict[str, Any],
    status: int,
    slug: str,
    field: str,
) -> None:
    api = Collections(client, auth_keys)
    _, _, case_id = await in_arrears(delivery, api)

    assert_problem(await promised(api, case_id, **terms), status, slug, fields=[field])
    async with service_db(database_url) as db:
        assert await db.counts("promises") == {"promises": 0}


async def test_a_promise_in_an_unknown_case_is_a_404(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await promised(Collections(client, auth_keys), "no-such-case")

    assert_problem(response, 404, "case-not-found")
