"""One customer's receivables flowing through all five services."""

from datetime import date

import pytest

from .conftest import Api
from .flow import issue_invoice, pay, register_customer, until_equal

pytestmark = pytest.mark.e2e


async def test_an_overdue_customer_is_tracked_by_every_service_until_paid(api: Api) -> None:
    customer = await register_customer(api, "Northwind Traders", terms=30)
    older = await issue_invoice(api, customer, date(2026, 8, 1), "700.00", "300.00")
    newer = await issue_invoice(api, customer, date(2026, 10, 15), "250.50")
    assert (older["total"], older["due_date"], newer["due_date"]) == (
        "1000.00",
        "2026-08-31",
        "2026-11-14",
    )

    payment = await pay(api, customer, "400.00", date(2026, 9, 10))
    assert payment["allocations"] == [
        {"invoice_id": older["id"], "amount": "400.00", "discount": "0.00"}
    ]
    assert payment["unapplied_amount"] == "0.00"

    run = await api.post("ledger", "/v1/overdue-runs", {"as_of": "2026-11-20"}, role="accountant")
    assert run.json()["invoices_marked_overdue"] == 2

    async def exposure() -> dict:  # type: ignore[type-arg]
        return (await api.get("credit", f"/v1/customers/{customer}/exposure")).json()  # type: ignore[no-any-return]

    await until_equal(
        exposure,
        {
            "customer_id": customer,
            "currency": "EUR",
            "open_amount": "850.50",
            "overdue_amount": "850.50",
        },
    )

    async def cases() -> list:  # type: ignore[type-arg]
        page = (
            await api.get("collections", "/v1/cases", role="credit_manager", customer_id=customer)
        ).json()
        return [(c["status"], c["overdue_amount"]) for c in page["items"]]

    await until_equal(cases, [("open", "850.50")])

    async def aging() -> list:  # type: ignore[type-arg]
        report = await api.get(
            "reporting", "/v1/reports/aging", as_of="2026-11-20", customer_id=customer
        )
        return report.json()["rows"]  # type: ignore[no-any-return]

    await until_equal(
        aging,
        [
            {
                "customer_id": customer,
                "currency": "EUR",
                "current": "0.00",
                "days_1_30": "250.50",
                "days_31_60": "0.00",
                "days_61_90": "600.00",
                "days_over_90": "0.00",
                "buckets": [
                    {"label": "current", "from_days": None, "to_days": 0, "amount": "0.00"},
                    {"label": "1-30", "from_days": 1, "to_days": 30, "amount": "250.50"},
                    {"label": "31-60", "from_days": 31, "to_days": 60, "amount": "0.00"},
                    {"label": "61-90", "from_days": 61, "to_days": 90, "amount": "600.00"},
                    {"label": "over 90", "from_days": 91, "to_days": None, "amount": "0.00"},
                ],
                "disputed": "0.00",
                "total": "850.50",
            }
        ],
    )

    settle = await pay(api, customer, "900.00", date(2026, 11, 21))
    assert settle["unapplied_amount"] == "49.50"
    balance = (await api.get("ledger", f"/v1/customers/{customer}/balance")).json()
    assert balance == {
        "customer_id": customer,
        "currency": "EUR",
        "open_amount": "0.00",
        "overdue_amount": "0.00",
        "credit_amount": "49.50",
    }
    await until_equal(cases, [("closed", "0.00")])
    await until_equal(
        exposure,
        {
            "customer_id": customer,
            "currency": "EUR",
            "open_amount": "0.00",
            "overdue_amount": "0.00",
        },
    )


async def test_an_invoice_in_another_currency_than_the_account_is_refused(api: Api) -> None:
    customer = await register_customer(api, "Contoso KK", currency="JPY")
    response = await api.post(
        "ledger",
        "/v1/payments",
        {
            "customer_id": customer,
            "amount": "100.00",
            "currency": "EUR",
            "received_on": "2026-11-01",
        },
        role="cashier",
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    balance = (await api.get("ledger", f"/v1/customers/{customer}/balance")).json()
    assert balance["credit_amount"] == "0"
