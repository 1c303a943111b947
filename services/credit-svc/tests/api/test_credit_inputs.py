"""Financial statements with their ratios, and bureau reports normalised to their scale."""

from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from .credit_steps import registered_customer

STATEMENT = {
    "period_end": "2025-12-31",
    "currency": "EUR",
    "current_assets": "500000.00",
    "current_liabilities": "250000.00",
    "cash": "80000.00",
    "marketable_securities": "20000.00",
    "receivables": "150000.00",
    "inventory": "200000.00",
    "total_assets": "1000000.00",
    "total_liabilities": "600000.00",
    "equity": "400000.00",
    "retained_earnings": "150000.00",
    "ebit": "90000.00",
    "sales": "1800000.00",
}


async def test_a_statement_is_recorded_with_its_ratios_and_listed(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await registered_customer(delivery)

    response = await client.post(
        f"/v1/customers/{customer}/financial-statements",
        json=STATEMENT,
        headers=auth_keys.auth("credit_manager", subject="carla"),
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["ratios"] == {
        "current_ratio": "2.00",
        "quick_ratio": "1.00",
        "debt_to_assets": "0.60",
        "receivables_turnover": "12.00",
        "altman_z": "3.43",
        "altman_zone": "safe",
    }
    assert body["amounts"] == {
        k: v for k, v in STATEMENT.items() if k not in ("period_end", "currency")
    }
    assert (body["recorded_by"], body["recorded_at"]) == ("carla", "2026-11-16T09:30:00Z")
    listed = await client.get(
        f"/v1/customers/{customer}/financial-statements", headers=auth_keys.auth("auditor")
    )
    assert listed.json()["items"] == [body]


@pytest.mark.parametrize(
    ("change", "slug", "field"),
    [
        ({"total_assets": "-1.00"}, "impossible-statement", "total_assets"),
        ({"current_assets": "1000000.01"}, "impossible-statement", "current_assets"),
        ({"current_liabilities": "600000.01"}, "impossible-statement", "current_liabilities"),
        ({"cash": "0.001"}, "invalid-amount", "cash"),
        ({"currency": "XAU"}, "impossible-statement", "currency"),
        ({"period_end": "2201-01-01"}, "validation-error", "period_end"),
        ({"sales": None}, "validation-error", "sales"),
    ],
)
async def test_an_impossible_statement_is_refused_naming_the_field_and_changes_nothing(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    db: ServiceDb,
    change: dict[str, Any],
    slug: str,
    field: str,
) -> None:
    customer = await registered_customer(delivery)
    before = await db.counts("financial_statements")

    response = await client.post(
        f"/v1/customers/{customer}/financial-statements",
        json={**STATEMENT, **change},
        headers=auth_keys.auth("credit_manager"),
    )

    assert_problem(response, 422, slug, fields=[field])
    assert await db.counts("financial_statements") == before


async def test_a_bureau_report_is_normalised_to_its_scale(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await registered_customer(delivery)
    report = {
        "agency": "Creditreform",
        "score": 620,
        "scale_min": 300,
        "scale_max": 850,
        "rating": "B",
        "reported_on": "2026-11-01",
    }

    response = await client.post(
        f"/v1/customers/{customer}/bureau-reports",
        json=report,
        headers=auth_keys.auth("credit_manager"),
    )

    assert response.status_code == 201, response.text
    # (620 - 300) / (850 - 300) = 58.1818...%
    assert response.json()["normalised_score"] == "58.18"
    listed = await client.get(
        f"/v1/customers/{customer}/bureau-reports", headers=auth_keys.auth("collector")
    )
    assert [r["id"] for r in listed.json()["items"]] == [response.json()["id"]]


@pytest.mark.parametrize(
    ("change", "field"), [({"score": 851}, "score"), ({"scale_max": 1}, "scale_max")]
)
async def test_a_score_off_its_scale_is_refused(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    change: dict[str, int],
    field: str,
) -> None:
    customer = await registered_customer(delivery)
    report = {"agency": "D&B", "score": 80, "scale_min": 1, "scale_max": 850, **change}

    response = await client.post(
        f"/v1/customers/{customer}/bureau-reports",
        json={**report, "reported_on": "2026-11-01"},
        headers=auth_keys.auth("credit_manager"),
    )

    assert_problem(response, 422, "impossible-bureau-report", fields=[field])


@pytest.mark.parametrize("role", ["accountant", "cashier", "service"])
async def test_only_credit_managers_record_inputs(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, role: str
) -> None:
    customer = await registered_customer(delivery)

    response = await client.post(
        f"/v1/customers/{customer}/financial-statements",
        json=STATEMENT,
        headers=auth_keys.auth(role),
    )

    assert_problem(response, 403, "forbidden")
