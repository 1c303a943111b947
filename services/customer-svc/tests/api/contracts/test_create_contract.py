from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb


async def test_a_signed_contract_is_filed_and_announced_as_signed_without_its_notes(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer_id: str,
    signed_contract: dict[str, Any],
    db: ServiceDb,
) -> None:
    body = {**signed_contract, "number": f"SIGNED-{customer_id}"}
    response = await client.post(
        f"/v1/customers/{customer_id}/contracts", json=body, headers=auth_keys.auth("service")
    )

    assert response.status_code == 201, response.text
    contract = response.json()
    assert response.headers["ETag"] == '"1-active"'
    assert response.headers["Location"] == f"/v1/contracts/{contract['id']}"
    assert {k: contract[k] for k in ("number", "status", "version", "total", "currency")} == {
        "number": f"SIGNED-{customer_id}",
        "status": "active",
        "version": 1,
        "total": "250000.00",
        "currency": "EUR",
    }
    assert [v["version"] for v in contract["versions"]] == [1]
    [(signed, payload)] = [e for e in await db.outbox(customer_id) if ".contract_" in e[0]]
    assert signed == "customer.contract_signed.v1"
    assert payload == {
        "customer_id": customer_id,
        "contract_id": contract["id"],
        "number": f"SIGNED-{customer_id}",
        "contract_version": 1,
        "project": "Harbour warehouse, phase 2",
        "signed_on": "2025-11-02",
        "currency": "EUR",
        "total": "250000.00",
        "payment_terms_days": 45,
        "payment_cycle": "monthly",
        "activated_on": contract["created_at"][:10],
    }
    [(stored,)] = await db.rows(
        "SELECT total_minor FROM contract_versions WHERE contract_id = :k", k=contract["id"]
    )
    assert stored == 25_000_000


async def test_a_draft_takes_the_customers_currency_and_terms_and_is_not_announced(
    new_contract: Any, customer_id: str, db: ServiceDb
) -> None:
    response = await new_contract(customer_id, {"project": "Pilot", "total": "0.01"})

    assert response.status_code == 201, response.text
    draft = response.json()
    assert (draft["status"], draft["currency"], draft["payment_terms_days"]) == ("draft", "EUR", 30)
    assert (draft["total"], draft["signed_on"], draft["payment_cycle"]) == ("0.01", None, None)
    assert [t for t, _ in await db.outbox(customer_id) if ".contract_" in t] == []


@pytest.mark.parametrize(
    ("currency", "total", "shown"),
    [("JPY", "1200", "1200"), ("KWD", "1.234", "1.234"), ("USD", "99999999.99", "99999999.99")],
)
async def test_totals_keep_their_currencys_exact_scale(
    new_contract: Any, customer_id: str, currency: str, total: str, shown: str
) -> None:
    response = await new_contract(
        customer_id, {"project": "P", "total": total, "currency": currency}
    )
    assert response.status_code == 201, response.text
    assert response.json()["total"] == shown


async def test_a_retried_creation_with_the_same_key_files_one_contract(
    new_contract: Any,
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer_id: str,
    contract_rows: Any,
) -> None:
    body = {"number": f"RETRY-{customer_id}", "project": "P", "total": "10.00"}
    url = f"/v1/customers/{customer_id}/contracts"
    headers = {**auth_keys.auth("accountant"), "Idempotency-Key": f"erp-{customer_id}"}
    first = await client.post(url, json=body, headers=headers)
    before = await contract_rows()
    again = await client.post(url, json=body, headers=headers)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert await contract_rows() == before
