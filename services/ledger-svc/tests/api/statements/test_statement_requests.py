import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

from .statement_steps import PERIOD, statement


@pytest.mark.parametrize(
    ("accept", "query", "expected"),
    [
        ("application/pdf", None, "application/pdf"),
        ("text/csv;q=0.5, application/json", None, "application/json"),
        ("text/html, text/*;q=0.8", None, "text/csv; charset=utf-8"),
        ("application/pdf", "csv", "text/csv; charset=utf-8"),
        (None, None, "application/json"),
    ],
)
async def test_the_format_follows_the_query_else_the_accept_header(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    accept: str | None,
    query: str | None,
    expected: str,
) -> None:
    c = await register_customer("EUR")
    headers = {**auth_keys.auth("collector"), **({"Accept": accept} if accept else {})}
    response = await client.get(
        f"/v1/customers/{c}/statement",
        params={**PERIOD, **({"format": query} if query else {})},
        headers=headers,
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == expected


async def test_a_format_nobody_asked_for_is_not_acceptable(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    c = await register_customer("EUR")
    response = await client.get(
        f"/v1/customers/{c}/statement",
        params=PERIOD,
        headers={**auth_keys.auth("auditor"), "Accept": "image/png"},
    )
    assert response.status_code == 406
    assert response.json()["type"].endswith("/not-acceptable")


async def test_a_period_ending_before_it_starts_is_refused_naming_to(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    c = await register_customer("EUR")
    response = await statement(client, auth_keys, c, **{"from": "2026-05-01", "to": "2026-04-30"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "to", "message": "The period ends (2026-04-30) before it starts (2026-05-01)."}
    ]


async def test_an_unknown_customer_has_no_statement(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await statement(client, auth_keys, "nobody")
    assert response.status_code == 404


@pytest.mark.parametrize(("role", "status"), [("cashier", 403), ("service", 200), ("admin", 200)])
async def test_who_may_read_a_statement(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, role: str, status: int
) -> None:
    c = await register_customer("EUR")
    response = await client.get(
        f"/v1/customers/{c}/statement", params=PERIOD, headers=auth_keys.auth(role)
    )
    assert response.status_code == status
    anonymous = await client.get(f"/v1/customers/{c}/statement", params=PERIOD)
    assert anonymous.status_code == 401
