"""The credit policy, versioned: the default in force, drafts, activation, bad rules."""

import copy
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from ..conftest import Clock
from .credit_steps import invoice, overdue, profile, registered_customer, set_limit


async def in_force(client: httpx.AsyncClient, keys: KeyPair) -> dict[str, Any]:
    listed = await client.get("/v1/credit-policies", headers=keys.auth("auditor"))
    [active] = [p for p in listed.json()["items"] if p["status"] == "active"]
    return active


async def test_the_default_policy_is_in_force_from_the_start(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get("/v1/credit-policies/1", headers=auth_keys.auth("collector"))

    assert response.status_code == 200, response.text
    policy = response.json()
    assert (policy["rules"]["name"], policy["created_by"]) == ("Default policy", "credit-control")
    assert policy["rules"]["grade_thresholds"] == {"A": "80", "B": "65", "C": "50", "D": "35"}
    assert sum(i["weight"] for i in policy["rules"]["scorecard"]) == 100
    assert policy["rules"]["ungraded"] == {
        "prepayment_percent": "0",
        "guarantee_required": False,
        "overdue_tolerance_days": 30,
        "over_limit_tolerance_percent": "10",
    }


async def test_a_draft_comes_into_force_and_the_one_before_stays_readable(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    before = await in_force(client, auth_keys)
    rules = copy.deepcopy(before["rules"])
    rules["name"] = "Tighter policy"
    rules["ungraded"]["overdue_tolerance_days"] = 20
    manager = auth_keys.auth("credit_manager", subject="carla")

    drafted = await client.post("/v1/credit-policies", json=rules, headers=manager)

    assert drafted.status_code == 201, drafted.text
    draft = drafted.json()
    assert (draft["status"], draft["version"], draft["activated_at"]) == (
        "draft",
        before["version"] + 1,
        None,
    )
    assert (await in_force(client, auth_keys))["version"] == before["version"]
    activated = await client.post(
        f"/v1/credit-policies/{draft['version']}:activate", headers=manager
    )
    assert activated.status_code == 200, activated.text
    assert (activated.json()["status"], activated.json()["rules"]) == ("active", draft["rules"])
    old = await client.get(
        f"/v1/credit-policies/{before['version']}", headers=auth_keys.auth("auditor")
    )
    assert (old.json()["status"], old.json()["rules"]) == ("retired", before["rules"])
    again = await client.post(f"/v1/credit-policies/{draft['version']}:activate", headers=manager)
    assert_problem(again, 409, "credit-policy-not-draft")


async def test_an_unknown_policy_version_is_not_found(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    manager = auth_keys.auth("credit_manager")

    missing = await client.post("/v1/credit-policies/99999:activate", headers=manager)
    unread = await client.get("/v1/credit-policies/99999", headers=manager)

    assert_problem(missing, 404, "credit-policy-not-found", fields=["version"])
    assert_problem(unread, 404, "credit-policy-not-found", fields=["version"])


async def test_reading_an_action_is_a_405_that_allows_the_action_alone(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    # GET /v1/credit-policies/{version} reads a number: "1:activate" is the action's path.
    read = await client.get("/v1/credit-policies/1:activate", headers=auth_keys.auth("auditor"))

    assert_problem(read, 405, "http-405")
    assert read.headers["allow"] == "POST"


@pytest.mark.parametrize(
    ("change", "slug", "field"),
    [
        (
            lambda r: r["grade_thresholds"].update(B="85"),
            "invalid-credit-policy",
            "grade_thresholds",
        ),
        (lambda r: r["scorecard"][0].update(weight=31), "invalid-credit-policy", "scorecard"),
        (
            lambda r: r["grades"]["A"].update(prepayment_percent="100.5"),
            "validation-error",
            "grades.A.prepayment_percent",
        ),
        (
            lambda r: r["ungraded"].pop("guarantee_required"),
            "validation-error",
            "ungraded.guarantee_required",
        ),
    ],
)
async def test_contradictory_rules_are_refused_naming_the_field_and_change_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    db: ServiceDb,
    change: Any,
    slug: str,
    field: str,
) -> None:
    rules = copy.deepcopy((await in_force(client, auth_keys))["rules"])
    change(rules)
    before = await db.counts("credit_policies")

    response = await client.post(
        "/v1/credit-policies", json=rules, headers=auth_keys.auth("credit_manager")
    )

    assert_problem(response, 422, slug, fields=[field])
    assert await db.counts("credit_policies") == before


@pytest.mark.parametrize("role", ["accountant", "auditor", "service", "cashier"])
async def test_only_credit_managers_write_policy(
    client: httpx.AsyncClient, auth_keys: KeyPair, role: str
) -> None:
    rules = (await in_force(client, auth_keys))["rules"]

    response = await client.post("/v1/credit-policies", json=rules, headers=auth_keys.auth(role))

    assert_problem(response, 403, "forbidden")


async def test_the_policy_in_force_sets_the_terms_of_ungraded_customers(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, clock: Clock
) -> None:
    customer = await registered_customer(delivery)
    late = invoice(customer, "10.00")
    await delivery.deliver(late)
    await delivery.deliver(overdue(late))
    await set_limit(client, auth_keys, customer, "1000.00")
    rules = copy.deepcopy((await in_force(client, auth_keys))["rules"])
    rules["ungraded"].update(overdue_tolerance_days=20, prepayment_percent="25")
    manager = auth_keys.auth("credit_manager")
    drafted = (await client.post("/v1/credit-policies", json=rules, headers=manager)).json()
    await client.post(f"/v1/credit-policies/{drafted['version']}:activate", headers=manager)
    # Due 31 October: 25 days late is beyond this policy's 20 days.
    clock.now = datetime(2026, 11, 25, 12, tzinfo=UTC)

    answer = await client.post(
        "/v1/credit-checks",
        json={"customer_id": customer, "amount": "1.00", "currency": "EUR"},
        headers=auth_keys.auth("service"),
    )
    seen = await profile(client, auth_keys, customer)

    assert [r["code"] for r in answer.json()["reasons"]] == [
        "overdue_beyond_tolerance",
        "prepayment_required",
    ]
    assert (seen["prepayment_percent"], seen["policy_version"]) == ("25.00", drafted["version"])


async def test_the_check_right_after_an_activation_judges_by_the_new_policy(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    # The policy in force is kept between checks: the check before the activation has read
    # it, and the one right after must not be answered from what was kept.
    customer = await registered_customer(delivery)
    await set_limit(client, auth_keys, customer, "1000.00")
    service = auth_keys.auth("service")
    order = {"customer_id": customer, "amount": "1.00", "currency": "EUR"}
    await put_in_force(client, auth_keys, prepayment_percent="0")
    before = await client.post("/v1/credit-checks", json=order, headers=service)
    await put_in_force(client, auth_keys, prepayment_percent="40")

    after = await client.post("/v1/credit-checks", json=order, headers=service)

    assert (before.json()["decision"], before.json()["reasons"]) == ("approved", [])
    assert (after.json()["decision"], after.json()["reasons"]) == (
        "referred",
        [
            {
                "code": "prepayment_required",
                "message": "The terms ask 40% of each order in advance.",
            }
        ],
    )


async def put_in_force(client: httpx.AsyncClient, keys: KeyPair, **ungraded: Any) -> None:
    """Draft the policy in force with these ungraded terms changed, and activate it."""
    rules = copy.deepcopy((await in_force(client, keys))["rules"])
    rules["ungraded"].update(ungraded)
    manager = keys.auth("credit_manager")
    drafted = (await client.post("/v1/credit-policies", json=rules, headers=manager)).json()
    activated = await client.post(
        f"/v1/credit-policies/{drafted['version']}:activate", headers=manager
    )
    assert activated.status_code == 200, activated.text
