"""customer-svc hands over a finance table's balances with the customers it is filing (and
files them only once the ledger took the balances): the ledger opens their accounts from the
hand-off, or refuses it and keeps nothing of it."""

import json
from typing import Any

import httpx
from uuid6 import uuid7

from ledgerflow_platform.testing import KeyPair, assert_problem

HEADER = "customer_code,contract_number,currency,invoiced,paid\n"


def announced() -> tuple[dict[str, Any], str]:
    """A customer as customer-svc files it, with one signed contract: (it, its contract id)."""
    customer_id, contract_id = str(uuid7()), str(uuid7())
    code = f"AN-{customer_id[-8:]}".upper()
    return {
        "id": customer_id,
        "code": code,
        "currency": "CNY",
        "payment_terms_days": 45,
        "registered_at": "2026-01-01T08:00:00Z",
        "contracts": [{"id": contract_id, "number": f"{code}-1", "currency": "CNY"}],
    }, contract_id


async def hand_over(
    client: httpx.AsyncClient,
    keys: KeyPair,
    rows: str,
    customers: Any,
    role: str = "service",
) -> httpx.Response:
    return await client.post(
        "/v1/opening-balances",
        params={"cutover_date": "2026-01-01"},
        files={"file": ("balances.csv", (HEADER + rows).encode(), "text/csv")},
        data={"customers": customers if isinstance(customers, str) else json.dumps(customers)},
        headers=keys.auth(role),
    )


async def held(ledger_db: Any, customer_id: str) -> list[list[tuple[Any, ...]]]:
    return [
        await ledger_db.rows(
            "SELECT currency, payment_terms_days, code, status FROM customer_accounts "
            "WHERE customer_id = :c",
            c=customer_id,
        ),
        await ledger_db.rows(
            "SELECT contract_id, number FROM customer_contracts WHERE customer_id = :c",
            c=customer_id,
        ),
        await ledger_db.rows("SELECT count(*) FROM invoices WHERE customer_id = :c", c=customer_id),
    ]


async def test_the_balances_of_customers_being_filed_open_their_accounts_here(
    client: httpx.AsyncClient, auth_keys: KeyPair, ledger_db: Any
) -> None:
    customer, contract_id = announced()
    row = f"{customer['code']},{customer['code']}-1,CNY,360000.00,120000.00\n"

    response = await hand_over(client, auth_keys, row, [customer])

    assert response.status_code == 201, response.text
    assert response.json() == {"rows": 1, "invoices_created": 1, "payments_created": 1}
    assert await held(ledger_db, customer["id"]) == [
        [("CNY", 45, customer["code"], "active")],
        [(contract_id, f"{customer['code']}-1")],
        [(1,)],
    ]
    balance = await client.get(
        f"/v1/customers/{customer['id']}/balance", headers=auth_keys.auth("auditor")
    )
    assert (balance.json()["open_amount"], balance.json()["credit_amount"]) == (
        "240000.00",
        "0.00",
    )


async def test_a_refused_hand_off_keeps_nothing_of_the_customers_it_announced(
    client: httpx.AsyncClient, auth_keys: KeyPair, ledger_db: Any
) -> None:
    customer, _ = announced()
    good, wrong = announced()[0], customer
    rows = (
        f"{good['code']},{good['code']}-1,CNY,100.00,0.00\n"
        f"{wrong['code']},{wrong['code']}-1,USD,500.00,100.00\n"
    )

    response = await hand_over(client, auth_keys, rows, [good, wrong])

    problem = assert_problem(response, 422, "opening-balances-rejected")
    assert problem["errors"] == [
        {
            "row": 3,
            "column": "currency",
            "field": "rows.3.currency",
            "message": "The customer's account is kept in CNY.",
        }
    ]
    for who in (good, wrong):
        assert await held(ledger_db, who["id"]) == [[], [], [(0,)]]


async def test_only_customer_svc_announces_customers(
    client: httpx.AsyncClient, auth_keys: KeyPair, ledger_db: Any
) -> None:
    customer, _ = announced()
    row = f"{customer['code']},,CNY,10.00,0.00\n"

    as_accountant = await hand_over(client, auth_keys, row, [customer], role="accountant")
    not_json = await hand_over(client, auth_keys, row, "[{")
    unstorable = await hand_over(client, auth_keys, row, [{**customer, "code": "A\x00"}])
    not_a_customer = await hand_over(client, auth_keys, row, [{"id": customer["id"]}])

    assert_problem(as_accountant, 403, "forbidden", fields=["customers"])
    assert_problem(not_json, 422, "validation-error", fields=["customers"])
    assert_problem(unstorable, 422, "validation-error", fields=["customers"])
    missing = ["code", "currency", "payment_terms_days", "registered_at"]
    assert_problem(
        not_a_customer, 422, "validation-error", fields=[f"customers.0.{m}" for m in missing]
    )
    assert await held(ledger_db, customer["id"]) == [[], [], [(0,)]]
