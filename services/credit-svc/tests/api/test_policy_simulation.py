"""A draft policy simulated over every customer before anyone activates it."""

import copy
from typing import Any

import httpx

from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from .assessment_steps import record_inputs
from .credit_steps import registered_customer
from .test_credit_assessments import history
from .test_credit_policy import in_force


async def draft(client: httpx.AsyncClient, keys: KeyPair, **thresholds: str) -> dict[str, Any]:
    manager = keys.auth("credit_manager")
    policy = (await client.get("/v1/credit-policies/1", headers=manager)).json()
    rules = copy.deepcopy(policy["rules"])
    rules["name"] = "Generous policy"
    rules["grade_thresholds"].update(thresholds)
    response = await client.post("/v1/credit-policies", json=rules, headers=manager)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_draft_shows_each_customer_under_both_policies_and_counts_the_changes(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    good = await registered_customer(delivery)
    await history(delivery, good)
    await record_inputs(client, auth_keys, good)
    unknown = await registered_customer(delivery)
    version = (await draft(client, auth_keys, A="75"))["version"]
    before = await db.counts("credit_assessments", "credit_policies", "outbox")

    response = await client.post(
        f"/v1/credit-policies/{version}:simulate",
        json={"as_of": "2026-11-16"},
        headers=auth_keys.auth("credit_manager"),
    )

    assert response.status_code == 200, response.text
    body = response.json()
    active = await in_force(client, auth_keys)
    assert (body["active_version"], body["draft_version"]) == (active["version"], version)
    by_id = {c["customer_id"]: c for c in body["customers"]}
    # Score 75.00: B under the default (A from 80), A under the draft (A from 75); the limit
    # rule of A is 15% of the 4,500.00 invoiced in 12 months, of B 10%.
    assert by_id[good] == {
        "customer_id": good,
        "currency": "EUR",
        "active": {"grade": "B", "score": "75.00", "limit": "450.00"},
        "draft": {"grade": "A", "score": "75.00", "limit": "675.00"},
        "grade_changed": True,
        "limit_changed": True,
    }
    assert by_id[unknown] == {
        "customer_id": unknown,
        "currency": "EUR",
        "active": {"grade": "E", "score": "0.00", "limit": "0.00"},
        "draft": {"grade": "E", "score": "0.00", "limit": "0.00"},
        "grade_changed": False,
        "limit_changed": False,
    }
    customers = body["customers"]
    changed = [c for c in customers if c["grade_changed"]]
    assert body["counts"] == {
        "customers": len(customers),
        "grade_changes": len(changed),
        "upgrades": sum(1 for c in changed if c["draft"]["grade"] < c["active"]["grade"]),
        "downgrades": sum(1 for c in changed if c["draft"]["grade"] > c["active"]["grade"]),
        "limit_changes": sum(1 for c in customers if c["limit_changed"]),
    }
    assert [c["customer_id"] for c in customers] == sorted(by_id)
    # A simulation decides nothing.
    assert await db.counts("credit_assessments", "credit_policies", "outbox") == before


async def test_only_a_draft_is_simulated(client: httpx.AsyncClient, auth_keys: KeyPair) -> None:
    manager = auth_keys.auth("credit_manager")

    active = await client.post(
        "/v1/credit-policies/1:simulate", json={"as_of": "2026-11-16"}, headers=manager
    )
    missing = await client.post(
        "/v1/credit-policies/99999:simulate", json={"as_of": "2026-11-16"}, headers=manager
    )
    future = await client.post(
        "/v1/credit-policies/1:simulate", json={"as_of": "2026-11-17"}, headers=manager
    )

    assert_problem(active, 409, "credit-policy-not-draft")
    assert_problem(missing, 404, "credit-policy-not-found", fields=["version"])
    assert_problem(future, 422, "date-in-future", fields=["as_of"])
