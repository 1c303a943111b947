"""The worklist ranks open cases by the documented priority (domain/worklist.py); the figures
below are worked out by hand from that definition, as of the business date 2026-12-31."""

from datetime import date
from typing import Any

import httpx

from ledgerflow_events.contracts.credit import GradeChanged
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .ledger import Collections, Ledger, new_id

D = date


async def graded(delivery: EventDelivery, customer: str, grade: str) -> None:
    await delivery.deliver(
        GradeChanged(
            customer_id=customer,
            assessment_id=new_id(),
            from_grade=None,
            to_grade=grade,
            score="512",
            policy_version=1,
            assessed_on=D(2026, 12, 1),
        )
    )


async def in_arrears(delivery: EventDelivery, total: str, due: date) -> tuple[Ledger, str]:
    ledger = Ledger(delivery)
    invoice = await ledger.issue(f"INV-{total}", total, due=due)
    await ledger.overdue(invoice, total, as_of=due)
    return ledger, invoice


def hand_worked(
    collectible_whole_units: int, days_past_due: int, grade_points: int, broken: int
) -> int:
    """The priority, restated: digits x 10 + days + grade points + 25 per broken promise."""
    digits = len(str(collectible_whole_units)) if collectible_whole_units else 0
    return 10 * digits + days_past_due + grade_points + 25 * broken


async def test_open_cases_are_ordered_by_amount_age_grade_and_broken_promises(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    api = Collections(client, auth_keys)
    # A: 1,250.00 due 2026-11-30 (31 days), grade B.
    a, _ = await in_arrears(delivery, "1250.00", D(2026, 11, 30))
    await graded(delivery, a.customer, "B")
    # B: 90.00 due 2026-10-01 (91 days), grade E, 30.00 of it disputed: 60.00 collectible.
    b, disputed = await in_arrears(delivery, "90.00", D(2026, 10, 1))
    await graded(delivery, b.customer, "C")
    await graded(delivery, b.customer, "E")
    dispute = await client.post(
        "/v1/disputes",
        json={"invoice_id": disputed, "amount": "30.00", "reason": "short delivery"},
        headers=api.headers,
    )
    # C: 20,000.00 due 2026-12-20 (11 days), not graded, one promise broken.
    c, _ = await in_arrears(delivery, "20000.00", D(2026, 12, 20))
    cases = await client.get("/v1/cases", params={"customer_id": c.customer}, headers=api.headers)
    promise = await client.post(
        f"/v1/cases/{cases.json()['items'][0]['id']}/promises",
        json={
            "amount": "20000.00",
            "currency": "EUR",
            "made_on": "2026-12-21",
            "promised_on": "2026-12-24",
        },
        headers=api.headers,
    )
    await api.ran(D(2026, 12, 30))

    response = await client.get("/v1/worklist", params={"currency": "EUR"}, headers=api.headers)

    assert (dispute.status_code, promise.status_code) == (201, 201)
    ranked: list[dict[str, Any]] = response.json()["items"]
    assert [
        (
            i["case"]["customer_id"],
            i["case"]["status"],
            i["priority"],
            i["collectible_amount"],
            i["disputed_amount"],
            i["oldest_days_past_due"],
            i["credit_grade"],
            i["broken_promises"],
        )
        for i in ranked
    ] == [
        (b.customer, "disputed", hand_worked(60, 91, 60, 0), "60.00", "30.00", 91, "E", 0),
        (c.customer, "open", hand_worked(20000, 11, 20, 1), "20000.00", "0.00", 11, None, 1),
        (a.customer, "open", hand_worked(1250, 31, 10, 0), "1250.00", "0.00", 31, "B", 0),
    ]
    assert [i["priority"] for i in ranked] == [171, 106, 81]


async def test_the_worklist_filters_by_currency_and_collector_and_shows_the_next_action(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    api = Collections(client, auth_keys)
    colins, _ = await in_arrears(delivery, "100.00", D(2026, 12, 1))
    await in_arrears(delivery, "900.00", D(2026, 12, 1))
    [case] = (
        await client.get("/v1/cases", params={"customer_id": colins.customer}, headers=api.headers)
    ).json()["items"]
    await client.post(
        f"/v1/cases/{case['id']}:assign", json={"collector": "colin"}, headers=api.headers
    )
    colin = auth_keys.auth("collector", subject="colin")
    await client.post(
        f"/v1/cases/{case['id']}/activities",
        json={
            "kind": "call",
            "outcome": "no answer",
            "occurred_at": "2026-12-02T10:00:00Z",
            "next_action_on": "2026-12-04",
        },
        headers=colin,
    )

    own = (await client.get("/v1/worklist", headers=colin)).json()["items"]
    named = (
        await client.get("/v1/worklist", params={"collector": "colin"}, headers=api.headers)
    ).json()["items"]
    in_usd = (
        await client.get("/v1/worklist", params={"currency": "USD"}, headers=api.headers)
    ).json()["items"]
    everyone = (await client.get("/v1/worklist", headers=api.headers)).json()["items"]

    assert [(i["case"]["id"], i["next_action_on"]) for i in own] == [(case["id"], "2026-12-04")]
    assert named == own
    assert in_usd == []
    assert len(everyone) == 2
