"""Assessments: every input with its source, band, weight and points; the grade's terms in
force; a grade change told once; the limit the grade's rule proposes."""

from datetime import date
from decimal import Decimal

import httpx
import pytest

from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from .assessment_steps import (
    assess,
    invoiced,
    oracle_points,
    oracle_score,
    record_inputs,
)
from .credit_steps import profile, registered_customer
from .test_credit_policy import in_force


async def history(delivery: EventDelivery, customer: str) -> None:
    """1,000.00 paid 20 days late, 3,000.00 paid early, 500.00 owed and 16 days late."""
    await invoiced(
        delivery,
        customer,
        "1000.00",
        issued=date(2026, 3, 1),
        due=date(2026, 3, 31),
        paid_on=date(2026, 4, 20),
    )
    await invoiced(
        delivery,
        customer,
        "3000.00",
        issued=date(2026, 6, 1),
        due=date(2026, 7, 1),
        paid_on=date(2026, 6, 28),
    )
    await invoiced(delivery, customer, "500.00", issued=date(2026, 10, 1), due=date(2026, 10, 31))


async def test_an_assessment_explains_every_input_and_grades_by_the_policy(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    await history(delivery, customer)
    statement_id, report_id = await record_inputs(client, auth_keys, customer)

    body = await assess(client, auth_keys, customer, "2026-11-16")

    # Oracle: days beyond terms weighted by totals, (1000 x 20 + 3000 x 0) / 4000 = 5;
    # one of two paid invoices late = 50%; (620 - 300) / 550 = 58.18; ratios of the statement.
    values = {
        "bureau_score": Decimal(320) / Decimal(550),
        "altman_z": Decimal("3.4335"),
        "current_ratio": Decimal(2),
        "days_beyond_terms": Decimal(5),
        "late_share": Decimal(50),
    }
    values["bureau_score"] *= 100
    score = oracle_score(values)
    assert score == Decimal("75.00")
    assert [(i["input"], i["points"]) for i in body["inputs"]] == [
        (n, oracle_points(n, v)) for n, v in values.items()
    ]
    assert body["inputs"] == [
        {
            "input": "bureau_score",
            "value": "58.18",
            "source": f"bureau_report:{report_id}",
            "as_of": "2026-11-01",
            "band": "40",
            "weight": 30,
            "points": 50,
            "contribution": "15.00",
        },
        {
            "input": "altman_z",
            "value": "3.43",
            "source": f"financial_statement:{statement_id}",
            "as_of": "2025-12-31",
            "band": "2.6",
            "weight": 25,
            "points": 100,
            "contribution": "25.00",
        },
        {
            "input": "current_ratio",
            "value": "2.00",
            "source": f"financial_statement:{statement_id}",
            "as_of": "2025-12-31",
            "band": "2",
            "weight": 15,
            "points": 100,
            "contribution": "15.00",
        },
        {
            "input": "days_beyond_terms",
            "value": "5.00",
            "source": "ledger.events",
            "as_of": "2026-11-16",
            "band": "0",
            "weight": 20,
            "points": 100,
            "contribution": "20.00",
        },
        {
            "input": "late_share",
            "value": "50.00",
            "source": "ledger.events",
            "as_of": "2026-11-16",
            "band": "50",
            "weight": 10,
            "points": 0,
            "contribution": "0.00",
        },
    ]
    # B: 10% of the 4,500.00 invoiced over the last 12 months, capped at 250,000.00.
    assert (body["score"], body["grade"], body["previous_grade"], body["grade_changed"]) == (
        f"{score}",
        "B",
        None,
        True,
    )
    version = (await in_force(client, auth_keys))["version"]
    assert (body["proposed_limit"], body["policy_version"], body["credit_limit"]) == (
        "450.00",
        version,
        None,
    )
    grade_events = [p for t, p in await db.outbox(customer) if t == "credit.grade_changed.v1"]
    assert grade_events == [
        {
            "customer_id": customer,
            "assessment_id": body["id"],
            "from_grade": None,
            "to_grade": "B",
            "score": "75.00",
            "policy_version": version,
            "assessed_on": "2026-11-16",
        }
    ]
    seen = await profile(client, auth_keys, customer)
    # Grade B's terms: 45 days, no prepayment, reviewed 12 months on.
    assert (seen["grade"], seen["terms_days"], seen["next_review_on"]) == ("B", 45, "2027-11-16")
    listed = await client.get(
        f"/v1/customers/{customer}/assessments", headers=auth_keys.auth("auditor")
    )
    assert listed.json()["items"] == [body]


async def test_opening_balances_are_owed_but_are_neither_sales_nor_payment_behaviour(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await registered_customer(delivery)
    await history(delivery, customer)
    cutover = date(2026, 6, 30)
    # Brought in at the cut-over: 1,000,000.00 invoiced over the years, due long before and
    # settled by then (the ledger pays it off on the day), and 2,000.00 not due yet.
    await invoiced(delivery, customer, "1000000.00", issued=cutover, due=date(2024, 1, 31),
                   paid_on=cutover, opening=True)  # fmt: skip
    await invoiced(
        delivery, customer, "2000.00", issued=cutover, due=date(2026, 12, 31), opening=True
    )
    await record_inputs(client, auth_keys, customer)

    body = await assess(client, auth_keys, customer, "2026-11-16")

    # As the history alone: (1000 x 20 + 3000 x 0) / 4000 = 5 days, one of two paid late,
    # grade B, and 10% of the 4,500.00 sold in the 12 months.
    values = {i["input"]: i["value"] for i in body["inputs"]}
    assert (values["days_beyond_terms"], values["late_share"]) == ("5.00", "50.00")
    assert (body["score"], body["grade"], body["proposed_limit"]) == ("75.00", "B", "450.00")
    # The debt itself is owed like any other: 500.00 + 2,000.00.
    assert (await profile(client, auth_keys, customer))["open_receivables"] == "2500.00"


async def test_the_same_grade_again_tells_nothing_new(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    await history(delivery, customer)
    await record_inputs(client, auth_keys, customer)
    await assess(client, auth_keys, customer, "2026-11-15")

    again = await assess(client, auth_keys, customer, "2026-11-16")

    assert (again["previous_grade"], again["grade_changed"]) == ("B", False)
    changes = [t for t, _ in await db.outbox(customer) if t == "credit.grade_changed.v1"]
    assert len(changes) == 1


async def test_unknown_inputs_score_nothing_and_the_weakest_grade_asks_prepayment(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await registered_customer(delivery)

    body = await assess(client, auth_keys, customer, "2026-11-16")

    assert [(i["value"], i["band"], i["points"]) for i in body["inputs"]] == [(None, None, 0)] * 5
    assert (body["score"], body["grade"], body["proposed_limit"]) == ("0.00", "E", "0.00")
    seen = await profile(client, auth_keys, customer)
    assert (seen["prepayment_percent"], seen["guarantee_required"]) == ("100.00", True)
    check = await client.post(
        "/v1/credit-checks",
        json={"customer_id": customer, "amount": "1.00", "currency": "EUR"},
        headers=auth_keys.auth("service"),
    )
    assert [r["code"] for r in check.json()["reasons"]] == [
        "no_credit_limit",
        "prepayment_required",
    ]


async def test_the_proposed_limit_is_applied_when_asked_with_four_eyes(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await registered_customer(delivery)
    await history(delivery, customer)
    await record_inputs(client, auth_keys, customer)

    body = await assess(client, auth_keys, customer, "2026-11-16", apply_proposed_limit=True)

    limit = body["credit_limit"]
    assert (limit["amount"], limit["status"], limit["reason"]) == (
        "450.00",
        "active",
        f"Grade B under credit policy {(await in_force(client, auth_keys))['version']}",
    )
    assert (await profile(client, auth_keys, customer))["credit_limit"] == "450.00"


async def test_an_equity_rule_gives_a_share_of_equity_capped(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await registered_customer(delivery)
    # Current ratio 1.00 (50 points), Altman Z'' in the grey zone, bureau 58.18:
    # 15 + 12.5 + 7.5 + 0 + 0 = 35.00, exactly grade D: 5% of equity 400,000.00 capped 25,000.00
    # gives 20,000.00.
    await record_inputs(client, auth_keys, customer, current_liabilities="500000.00")
    # X1 = 0, X2 = 0.15, X3 = 0.09, X4 = 400,000 / 600,000.
    z = Decimal("3.26") * Decimal("0.15") + Decimal("6.72") * Decimal("0.09")
    values = {
        "bureau_score": Decimal(32000) / Decimal(550),
        "altman_z": z + Decimal("1.05") * Decimal(400000) / Decimal(600000),
        "current_ratio": Decimal(1),
        "days_beyond_terms": None,
        "late_share": None,
    }

    body = await assess(client, auth_keys, customer, "2026-11-16")

    assert body["score"] == f"{oracle_score(values)}" == "35.00"
    assert (body["grade"], body["proposed_limit"]) == ("D", "20000.00")


@pytest.mark.parametrize(
    ("as_of", "slug"),
    [("2026-11-17", "date-in-future"), ("1899-12-31", "validation-error")],
)
async def test_an_assessment_dated_out_of_bounds_is_refused_and_changes_nothing(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    db: ServiceDb,
    as_of: str,
    slug: str,
) -> None:
    customer = await registered_customer(delivery)
    before = await db.counts("credit_assessments", "outbox")

    response = await client.post(
        f"/v1/customers/{customer}/assessments",
        json={"as_of": as_of},
        headers=auth_keys.auth("credit_manager"),
    )

    assert_problem(response, 422, slug, fields=["as_of"])
    assert await db.counts("credit_assessments", "outbox") == before


@pytest.mark.parametrize("role", ["accountant", "collector", "service", "cashier"])
async def test_only_credit_managers_assess(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, role: str
) -> None:
    customer = await registered_customer(delivery)

    response = await client.post(
        f"/v1/customers/{customer}/assessments",
        json={"as_of": "2026-11-16"},
        headers=auth_keys.auth(role),
    )

    assert_problem(response, 403, "forbidden")


async def test_an_unknown_customer_is_not_assessed(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post(
        "/v1/customers/nobody/assessments",
        json={"as_of": "2026-11-16"},
        headers=auth_keys.auth("credit_manager"),
    )

    assert_problem(response, 404, "customer-not-found")
