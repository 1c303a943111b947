"""Dunning policies over REST: drafts, versions put in force, the default, assignments."""

from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, assert_problem, service_db

DEFAULT = {
    "id": "default-v1",
    "name": "default",
    "version": 1,
    "status": "active",
    "is_default": True,
    "levels": [
        {
            "level": 1,
            "days_from_due": -5,
            "channel": "email",
            "template": "reminder",
            "fee": None,
            "escalation": None,
        },
        {
            "level": 2,
            "days_from_due": 7,
            "channel": "email",
            "template": "notice",
            "fee": None,
            "escalation": None,
        },
        {
            "level": 3,
            "days_from_due": 21,
            "channel": "email",
            "template": "final_notice",
            "fee": "10.00",
            "escalation": None,
        },
        {
            "level": 4,
            "days_from_due": 30,
            "channel": "phone_task",
            "template": "escalation",
            "fee": None,
            "escalation": "stop_supply",
        },
    ],
    "min_days_between_notices": 7,
    "min_amount": {},
    "promise_grace_days": 3,
}
STRICT = {
    "name": "strict",
    "levels": [
        {"level": 1, "days_from_due": 1, "channel": "email", "template": "notice"},
        {
            "level": 2,
            "days_from_due": 10,
            "channel": "letter",
            "template": "final_notice",
            "fee": "5.00",
            "escalation": "legal",
        },
    ],
    "min_days_between_notices": 5,
    "min_amount": {"EUR": "20", "JPY": "500"},
}


async def drafted(client: httpx.AsyncClient, headers: dict[str, str], **changes: Any) -> Any:
    response = await client.post(
        "/v1/dunning-policies", json={**STRICT, **changes}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_the_default_policy_is_installed_and_listed_as_the_default(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get("/v1/dunning-policies", headers=auth_keys.auth("collector"))

    assert response.json() == {"items": [DEFAULT], "next_cursor": None}


async def test_a_draft_is_put_in_force_and_a_new_version_retires_it(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    headers = auth_keys.auth("credit_manager")
    first = await drafted(client, headers)
    activated = await client.post(f"/v1/dunning-policies/{first['id']}:activate", headers=headers)
    second = await drafted(client, headers, promise_grace_days=5)
    await client.post(f"/v1/dunning-policies/{second['id']}:activate", headers=headers)

    listed = (await client.get("/v1/dunning-policies", headers=headers)).json()["items"]

    assert first == {
        "id": first["id"],
        "name": "strict",
        "version": 1,
        "status": "draft",
        "is_default": False,
        "levels": [
            {
                "level": 1,
                "days_from_due": 1,
                "channel": "email",
                "template": "notice",
                "fee": None,
                "escalation": None,
            },
            {
                "level": 2,
                "days_from_due": 10,
                "channel": "letter",
                "template": "final_notice",
                "fee": "5.00",
                "escalation": "legal",
            },
        ],
        "min_days_between_notices": 5,
        "min_amount": {"EUR": "20.00", "JPY": "500"},
        "promise_grace_days": 3,
    }
    assert activated.json()["status"] == "active"
    assert [(p["name"], p["version"], p["status"], p["promise_grace_days"]) for p in listed] == [
        ("strict", 1, "retired", 3),
        ("strict", 2, "active", 5),
        ("default", 1, "active", 3),
    ]
    again = await client.post(f"/v1/dunning-policies/{first['id']}:activate", headers=headers)
    assert_problem(again, 409, "dunning-policy-not-draft")


async def test_a_customer_follows_the_policy_assigned_to_it(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    headers = auth_keys.auth("credit_manager")
    policy = await drafted(client, headers)
    draft_only = await client.put(
        "/v1/customers/c-1/dunning-policy", json={"policy_id": policy["id"]}, headers=headers
    )
    await client.post(f"/v1/dunning-policies/{policy['id']}:activate", headers=headers)

    assigned = await client.put(
        "/v1/customers/c-1/dunning-policy", json={"policy_id": policy["id"]}, headers=headers
    )

    assert_problem(draft_only, 409, "dunning-policy-not-in-force", fields=["policy_id"])
    assert assigned.status_code == 200
    assert (assigned.json()["customer_id"], assigned.json()["policy"]["name"]) == ("c-1", "strict")


@pytest.mark.parametrize(
    ("change", "status", "slug", "field"),
    [
        ({"levels": []}, 422, "validation-error", "levels"),
        (
            {"levels": [{**STRICT["levels"][0], "level": 2}]},
            422,
            "invalid-dunning-levels",
            "levels.0.level",
        ),
        (
            {"levels": [{**STRICT["levels"][1], "level": 1}, {**STRICT["levels"][0], "level": 2}]},
            422,
            "invalid-dunning-levels",
            "levels.1.days_from_due",
        ),
        (
            {"levels": [{**STRICT["levels"][0], "channel": "fax"}]},
            422,
            "validation-error",
            "levels.0.channel",
        ),
        (
            {"levels": [{**STRICT["levels"][0], "fee": "-1.00"}]},
            422,
            "validation-error",
            "levels.0.fee",
        ),
        ({"min_amount": {"EUR": "1.001"}}, 422, "validation-error", "min_amount.EUR"),
        ({"min_days_between_notices": -1}, 422, "validation-error", "min_days_between_notices"),
    ],
)
async def test_a_bad_policy_is_refused_naming_the_field_and_nothing_is_stored(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    database_url: str,
    change: dict[str, Any],
    status: int,
    slug: str,
    field: str,
) -> None:
    response = await client.post(
        "/v1/dunning-policies", json={**STRICT, **change}, headers=auth_keys.auth("admin")
    )

    assert_problem(response, status, slug, fields=[field])
    async with service_db(database_url) as db:
        assert await db.counts("dunning_policies") == {"dunning_policies": 1}


async def test_collectors_may_read_policies_but_not_set_them(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post(
        "/v1/dunning-policies", json=STRICT, headers=auth_keys.auth("collector")
    )

    assert response.status_code == 403
