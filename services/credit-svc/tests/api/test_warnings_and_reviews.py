"""Early warnings raised once by dated review runs, reviews opened for them and by grade,
and reviews completed with a new assessment."""

from datetime import UTC, date, datetime
from typing import Any

import httpx

from ledgerflow_events.contracts.ledger import InvoicePaid, PaymentReversed, ReopenedInvoice
from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from ..conftest import Clock
from .assessment_steps import assess, invoiced
from .credit_steps import new_id, profile, registered_customer, set_limit


def returned(customer: str, invoice_id: str, amount: str, on: date) -> PaymentReversed:
    return PaymentReversed(
        customer_id=customer,
        payment_id=new_id(),
        currency="EUR",
        amount=amount,
        received_on=date(2026, 11, 2),
        reversed_on=on,
        reason="returned",
        reopened=[
            ReopenedInvoice(
                invoice_id=invoice_id, amount=amount, discount="0.00", open_amount_after=amount
            )
        ],
        credit_removed="0.00",
    )


async def run(client: httpx.AsyncClient, keys: KeyPair, as_of: str) -> dict[str, Any]:
    response = await client.post(
        "/v1/review-runs", json={"as_of": as_of}, headers=keys.auth("service")
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def mine(body: dict[str, Any], customer: str) -> list[tuple[str, str]]:
    return [
        (w["kind"], w["detail"]) for w in body["warnings_raised"] if w["customer_id"] == customer
    ]


def warning_events(events: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, str]]:
    return [
        (t.removeprefix("credit.").removesuffix(".v1"), p["kind"])
        for t, p in events
        if t.startswith("credit.warning_")
    ]


async def test_each_warning_is_raised_once_opens_a_review_and_clears_with_its_cause(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    await set_limit(client, auth_keys, customer, "20000.00")
    # 12 months: 10,000.00 paid on time in March; the last 90 days: 1,000.00 paid 30 days late.
    # Drift: 30.00 days over 90 days against (1000 x 30) / 11000 = 2.73 over 12 months.
    await invoiced(
        delivery,
        customer,
        "10000.00",
        issued=date(2026, 2, 1),
        due=date(2026, 3, 1),
        paid_on=date(2026, 3, 1),
    )
    await invoiced(
        delivery,
        customer,
        "1000.00",
        issued=date(2026, 8, 1),
        due=date(2026, 9, 1),
        paid_on=date(2026, 10, 1),
    )
    # 76 days past due on 16 November; 18,500.00 of 20,000.00 is 92.50% of the limit.
    late = await invoiced(
        delivery, customer, "18000.00", issued=date(2026, 8, 1), due=date(2026, 9, 1)
    )
    bounced = await invoiced(
        delivery,
        customer,
        "500.00",
        issued=date(2026, 10, 1),
        due=date(2026, 10, 31),
        paid_on=date(2026, 11, 2),
    )
    await delivery.deliver(returned(customer, bounced.invoice_id, "500.00", date(2026, 11, 5)))

    first = await run(client, auth_keys, "2026-11-16")

    assert mine(first, customer) == [
        (
            "behaviour_drift",
            "Paying 30.00 days beyond terms over 90 days against 2.73 over 12 months.",
        ),
        ("large_debt", "Exposure is 92.50% of the limit."),
        ("long_unpaid", "The oldest invoice owed is 76 days past due."),
        ("returned_payment", "1 payment(s) returned in the last 12 months."),
    ]
    [opened] = [r for r in first["reviews_opened"] if r["customer_id"] == customer]
    review_id = opened["id"]
    raised = [p for t, p in await db.outbox(customer) if t == "credit.warning_raised.v1"]
    # The first warning opens the review; the others join it.
    assert [p["review_id"] for p in raised] == [review_id, None, None, None]
    reviews = await client.get(
        f"/v1/reviews?status=open&customer_id={customer}", headers=auth_keys.auth("collector")
    )
    assert [(r["id"], r["reason"], r["opened_on"]) for r in reviews.json()["items"]] == [
        (review_id, "behaviour_drift", "2026-11-16")
    ]
    # The returned payment's invoice is owed again: the policy holds the customer.
    held = await profile(client, auth_keys, customer)
    assert [h["reason"] for h in held["holds"]] == ["returned_payment"]

    again = await run(client, auth_keys, "2026-11-16")
    assert mine(again, customer) == []

    await delivery.deliver(_paid(customer, late.invoice_id, "18000.00"))
    await delivery.deliver(_paid(customer, bounced.invoice_id, "500.00"))
    await run(client, auth_keys, "2026-11-16")

    assert (await profile(client, auth_keys, customer))["on_hold"] is False
    assert warning_events(await db.outbox(customer)) == [
        ("warning_raised", "behaviour_drift"),
        ("warning_raised", "large_debt"),
        ("warning_raised", "long_unpaid"),
        ("warning_raised", "returned_payment"),
        ("warning_cleared", "large_debt"),
        ("warning_cleared", "long_unpaid"),
    ]
    listed = await client.get(
        f"/v1/customers/{customer}/warnings", headers=auth_keys.auth("auditor")
    )
    assert sorted((w["kind"], w["cleared_on"]) for w in listed.json()["items"]) == [
        ("behaviour_drift", None),
        ("large_debt", "2026-11-16"),
        ("long_unpaid", "2026-11-16"),
        ("returned_payment", None),
    ]


def _paid(customer: str, invoice_id: str, total: str) -> InvoicePaid:
    return InvoicePaid(
        customer_id=customer,
        invoice_id=invoice_id,
        currency="EUR",
        total=total,
        paid_on=date(2026, 11, 16),
    )


async def test_a_grade_falls_due_for_review_and_completing_it_assesses_anew(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, clock: Clock
) -> None:
    customer = await registered_customer(delivery)
    # Never assessed inputs score nothing: grade E, reviewed a month on.
    await assess(client, auth_keys, customer, "2026-11-16")
    assert (await profile(client, auth_keys, customer))["next_review_on"] == "2026-12-16"
    clock.now = datetime(2026, 12, 16, 8, tzinfo=UTC)

    early = await run(client, auth_keys, "2026-12-15")
    due = await run(client, auth_keys, "2026-12-16")

    assert [r for r in early["reviews_opened"] if r["customer_id"] == customer] == []
    [review] = [r for r in due["reviews_opened"] if r["customer_id"] == customer]
    assert (review["reason"], review["status"], review["opened_on"]) == (
        "periodic",
        "open",
        "2026-12-16",
    )
    completed = await client.post(
        f"/v1/reviews/{review['id']}:complete",
        json={"as_of": "2026-12-16", "decision": "keep_limit"},
        headers=auth_keys.auth("credit_manager", subject="carla"),
    )
    assert completed.status_code == 200, completed.text
    body = completed.json()
    assert {
        k: body["review"][k] for k in ("status", "completed_on", "completed_by", "decision")
    } == {
        "status": "completed",
        "completed_on": "2026-12-16",
        "completed_by": "carla",
        "decision": "keep_limit",
    }
    assert body["review"]["assessment_id"] == body["assessment"]["id"]
    assert (body["assessment"]["as_of"], body["assessment"]["grade"]) == ("2026-12-16", "E")
    assert (await profile(client, auth_keys, customer))["next_review_on"] == "2027-01-16"
    twice = await client.post(
        f"/v1/reviews/{review['id']}:complete",
        json={"as_of": "2026-12-16", "decision": "keep_limit"},
        headers=auth_keys.auth("credit_manager"),
    )
    assert_problem(twice, 409, "review-not-open")


async def test_a_run_dated_after_today_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, db: ServiceDb
) -> None:
    before = await db.counts("credit_warnings", "credit_reviews", "outbox")

    response = await client.post(
        "/v1/review-runs", json={"as_of": "2026-11-17"}, headers=auth_keys.auth("service")
    )
    cashier = await client.post(
        "/v1/review-runs", json={"as_of": "2026-11-16"}, headers=auth_keys.auth("cashier")
    )

    assert_problem(response, 422, "date-in-future", fields=["as_of"])
    assert_problem(cashier, 403, "forbidden")
    assert await db.counts("credit_warnings", "credit_reviews", "outbox") == before


async def test_an_unknown_review_is_not_found(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post(
        "/v1/reviews/nope:complete",
        json={"as_of": "2026-11-16", "decision": "keep_limit"},
        headers=auth_keys.auth("credit_manager"),
    )

    assert_problem(response, 404, "review-not-found")


async def test_a_payment_entered_in_error_holds_nothing_and_a_retold_return_counts_once(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    first = await invoiced(
        delivery,
        customer,
        "200.00",
        issued=date(2026, 10, 1),
        due=date(2026, 10, 31),
        paid_on=date(2026, 11, 2),
    )
    second = await invoiced(
        delivery,
        customer,
        "300.00",
        issued=date(2026, 10, 1),
        due=date(2026, 10, 31),
        paid_on=date(2026, 11, 2),
    )
    mistake = returned(customer, first.invoice_id, "200.00", date(2026, 11, 5))
    await delivery.deliver(mistake.model_copy(update={"reason": "error"}))
    assert (await profile(client, auth_keys, customer))["holds"] == []

    bounce = returned(customer, second.invoice_id, "300.00", date(2026, 11, 6))
    await delivery.deliver(bounce)
    await delivery.deliver(bounce)

    report = (
        await client.get(
            f"/v1/customers/{customer}/credit-report", headers=auth_keys.auth("auditor")
        )
    ).json()
    [returns] = [i for i in report["inputs"] if i["input"] == "returned_payments"]
    assert returns["value"] == "1.00"
    assert [h["reason"] for h in report["profile"]["holds"]] == ["returned_payment"]
    holds = [t for t, _ in await db.outbox(customer) if t.startswith("credit.hold_")]
    assert holds == ["credit.hold_placed.v1"]
