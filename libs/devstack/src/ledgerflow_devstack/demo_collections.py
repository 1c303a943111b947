"""Collections' part of the demo: a policy in force for Acme, Acme dunned by a run dated
yesterday (its e-mail, with the ledger's statement attached, lands in the mail sink), a
dispute on Acme's newest invoice and Blue River's promise to pay."""

import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import httpx

from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.errors import StackError

Post = Callable[[str, str, str, dict[str, Any]], dict[str, Any]]

POLICY = {
    "name": "demo-standard",
    "levels": [
        {"level": 1, "days_from_due": 1, "channel": "email", "template": "notice"},
        {"level": 2, "days_from_due": 21, "channel": "email", "template": "final_notice"},
        {
            "level": 3,
            "days_from_due": 45,
            "channel": "phone_task",
            "template": "escalation",
            "escalation": "stop_supply",
        },
    ],
    "min_days_between_notices": 7,
}
CONTACT = {
    "name": "Petra Schmidt",
    "email": "petra.schmidt@acme-trading.example",
    "roles": ["billing", "dunning_recipient"],
}


def load_collections_demo(
    client: httpx.Client,
    config: StackConfig,
    post: Post,
    customer_ids: list[str],
    invoice_ids: list[str],
    today: date,
) -> dict[str, str]:
    """The ids of the demo's notice, dispute and promise. `post` and `client` carry a credit
    manager's token; Acme's dunning contact (CONTACT) was added with the customer."""
    acme, blue_river, _ = customer_ids
    # collections opens a case per customer in arrears from the ledger's overdue run.
    _case_of(client, config, acme)
    blue_river_case = _case_of(client, config, blue_river)
    policy = post("collections", "/v1/dunning-policies", "demo-policy-1", POLICY)
    post("collections", f"/v1/dunning-policies/{policy['id']}:activate", "demo-policy-2", {})
    _put(client, config, f"/v1/customers/{acme}/dunning-policy", {"policy_id": policy["id"]})
    dispute = {
        "invoice_id": invoice_ids[1],
        "amount": "240.00",
        "reason": "Two of the eight consulting days were not agreed",
    }
    disputed = post("collections", "/v1/disputes", "demo-dispute-1", dispute)
    promise = {
        "amount": "520.00",
        "currency": "USD",
        "made_on": (today - timedelta(days=2)).isoformat(),
        "promised_on": (today + timedelta(days=7)).isoformat(),
    }
    promised = post(
        "collections", f"/v1/cases/{blue_river_case}/promises", "demo-promise-1", promise
    )
    # Dated yesterday: a run may not be dated after the business date, and the demo's is past.
    run = {"as_of": (today - timedelta(days=1)).isoformat()}
    post("collections", "/v1/dunning-runs", "demo-dunning-run-1", run)
    notice = _sent_notice(client, config, acme)
    return {"notice": notice, "dispute": disputed["id"], "promise": promised["id"]}


def _put(client: httpx.Client, config: StackConfig, path: str, body: dict[str, Any]) -> None:
    url = config.url("collections") + path
    response = client.put(url, json=body)
    if response.status_code != 200:
        raise StackError(f"demo data: PUT {url} answered {response.status_code}: {response.text}")


def _case_of(client: httpx.Client, config: StackConfig, customer_id: str) -> str:
    url = f"{config.url('collections')}/v1/cases"
    found = _poll(client, url, {"customer_id": customer_id}, "a collection case", customer_id)
    case_id: str = found["id"]
    return case_id


def _sent_notice(client: httpx.Client, config: StackConfig, customer_id: str) -> str:
    """The run's e-mail, once the worker has sent it (with its statement) to the mail sink."""
    url = f"{config.url('collections')}/v1/notices"
    params = {"customer_id": customer_id, "status": "sent"}
    found = _poll(client, url, params, "a sent dunning notice", customer_id, timeout=60.0)
    notice_id: str = found["id"]
    return notice_id


def _poll(
    client: httpx.Client,
    url: str,
    params: dict[str, str],
    what: str,
    customer_id: str,
    timeout: float = 30.0,
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(url, params=params)
        if response.status_code == 200 and (items := response.json()["items"]):
            first: dict[str, Any] = items[0]
            return first
        if response.status_code != 200 or time.monotonic() > deadline:
            raise StackError(
                f"demo data: no {what} for customer {customer_id} within {timeout:.0f}s "
                f"(GET {url} answered {response.status_code})"
            )
        time.sleep(0.2)
