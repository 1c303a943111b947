"""Who may read the aging, and what a malformed request for it gets."""

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

from .aging_view import legacy_view


async def test_as_of_is_required(client: httpx.AsyncClient, auth_keys: KeyPair) -> None:
    response = await client.get("/v1/reports/aging", headers=auth_keys.auth("accountant"))

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["as_of"]


@pytest.mark.parametrize("as_of", ["2026-13-01", "2026-02-30", "last friday", ""])
async def test_an_invalid_as_of_is_refused_naming_the_field(
    client: httpx.AsyncClient, auth_keys: KeyPair, as_of: str
) -> None:
    response = await client.get(
        "/v1/reports/aging", params={"as_of": as_of}, headers=auth_keys.auth("accountant")
    )

    assert response.status_code == 422
    assert response.json()["type"].endswith("/validation-error")
    assert [e["field"] for e in response.json()["errors"]] == ["as_of"]


async def test_the_report_needs_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/reports/aging", params={"as_of": "2026-06-30"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_cashier_may_not_read_the_aging(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get(
        "/v1/reports/aging", params={"as_of": "2026-06-30"}, headers=auth_keys.auth("cashier")
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "role", ["accountant", "credit_manager", "collector", "auditor", "admin", "service"]
)
async def test_finance_roles_may_read_the_aging(
    client: httpx.AsyncClient, auth_keys: KeyPair, role: str
) -> None:
    response = await client.get(
        "/v1/reports/aging",
        params={"as_of": "2026-06-30", "customer_id": "nobody"},
        headers=auth_keys.auth(role),
    )
    assert response.status_code == 200
    assert legacy_view(response.json()) == {"as_of": "2026-06-30", "rows": [], "totals": []}
