from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair


async def books_of_one_customer(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str
) -> tuple[str, str]:
    """An invoice of 107.00 (7 % tax) on 2026-04-01 and a payment of 150.00 on 2026-04-20."""
    headers = auth_keys.auth("service")
    line = {"description": "Goods", "quantity": "1", "unit_price": "100.00", "tax_rate": "7"}
    invoice = await client.post(
        "/v1/invoices",
        json={"customer_id": customer_id, "issue_date": "2026-04-01", "lines": [line]},
        headers=headers,
    )
    payment = await client.post(
        "/v1/payments",
        json={
            "customer_id": customer_id,
            "amount": "150.00",
            "currency": "EUR",
            "received_on": "2026-04-20",
            "reference": "BANK-99",
        },
        headers=headers,
    )
    return invoice.json()["id"], payment.json()["id"]


async def journal(
    client: httpx.AsyncClient, auth_keys: KeyPair, **params: Any
) -> list[dict[str, Any]]:
    response = await client.get("/v1/journal", params=params, headers=auth_keys.auth("auditor"))
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def test_an_auditor_sees_each_money_movement_as_a_balanced_entry(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    invoice_id, payment_id = await books_of_one_customer(client, auth_keys, customer_id)

    entries = await journal(client, auth_keys, customer_id=customer_id)

    def line(account: str, debit: str, credit: str, invoice: str | None = None) -> dict[str, Any]:
        return {
            "account": account,
            "customer_id": customer_id,
            "invoice_id": invoice,
            "currency": "EUR",
            "debit": debit,
            "credit": credit,
        }

    assert [{k: e[k] for k in ("business_date", "source_type", "source_id")} for e in entries] == [
        {"business_date": "2026-04-01", "source_type": "invoice", "source_id": invoice_id},
        {"business_date": "2026-04-20", "source_type": "payment", "source_id": payment_id},
    ]
    assert entries[0]["memo"].startswith("Invoice INV-2026-")
    assert entries[0]["lines"] == [
        line("receivable", "107.00", "0.00", invoice_id),
        line("revenue", "0.00", "100.00"),
        line("tax_payable", "0.00", "7.00"),
    ]
    assert entries[1]["memo"] == "Payment received (BANK-99)"
    assert entries[1]["lines"] == [
        line("bank", "150.00", "0.00"),
        line("receivable", "0.00", "107.00", invoice_id),
        line("customer_credit", "0.00", "43.00"),
    ]
    assert [(e["reverses_entry_id"], e["reversed_by_entry_id"]) for e in entries] == [
        (None, None)
    ] * 2


async def test_the_journal_is_filtered_by_account_source_and_business_date_and_paged(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    invoice_id, payment_id = await books_of_one_customer(client, auth_keys, customer_id)
    mine = {"customer_id": customer_id}

    def sources(entries: list[dict[str, Any]]) -> list[str]:
        return [e["source_id"] for e in entries]

    assert sources(await journal(client, auth_keys, **mine, account="customer_credit")) == [
        payment_id
    ]
    assert sources(await journal(client, auth_keys, **mine, source_type="invoice")) == [invoice_id]
    assert sources(await journal(client, auth_keys, **mine, **{"from": "2026-04-02"})) == [
        payment_id
    ]
    assert sources(await journal(client, auth_keys, **mine, to="2026-04-19")) == [invoice_id]
    assert sources(
        await journal(client, auth_keys, **mine, **{"from": "2026-04-01", "to": "2026-04-01"})
    ) == [invoice_id]
    assert await journal(client, auth_keys, **mine, account="late_fee_income") == []

    seen, cursor = [], None
    while True:
        params = {**mine, "limit": 1, **({"cursor": cursor} if cursor else {})}
        page = await client.get("/v1/journal", params=params, headers=auth_keys.auth("admin"))
        seen += sources(page.json()["items"])
        if (cursor := page.json()["next_cursor"]) is None:
            break
    assert seen == [invoice_id, payment_id]


async def test_a_voided_invoice_shows_its_issue_and_the_reversal_that_cancelled_it(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    line = {"description": "Goods", "quantity": "1", "unit_price": "20.00"}
    issued = await client.post(
        "/v1/invoices",
        json={"customer_id": customer_id, "issue_date": "2026-04-01", "lines": [line]},
        headers=auth_keys.auth("service"),
    )
    await client.post(
        f"/v1/invoices/{issued.json()['id']}:void",
        json={"voided_on": "2026-04-02", "reason": "Wrong customer"},
        headers=auth_keys.auth("service"),
    )

    original, reversal = await journal(client, auth_keys, customer_id=customer_id)

    assert original["reversed_by_entry_id"] == reversal["id"]
    assert reversal["reverses_entry_id"] == original["id"]
    assert [(x["account"], x["debit"], x["credit"]) for x in reversal["lines"]] == [
        ("receivable", "0.00", "20.00"),
        ("revenue", "20.00", "0.00"),
    ]


@pytest.mark.parametrize(
    ("params", "slug", "field"),
    [
        ({"account": "cash"}, "validation-error", "account"),
        ({"source_type": "receipt"}, "validation-error", "source_type"),
        ({"from": "2026-13-01"}, "validation-error", "from"),
        ({"from": "2026-05-01", "to": "2026-04-30"}, "invalid-journal-query", "to"),
    ],
)
async def test_a_journal_search_that_makes_no_sense_is_refused_naming_the_parameter(
    client: httpx.AsyncClient, auth_keys: KeyPair, params: dict[str, str], slug: str, field: str
) -> None:
    response = await client.get("/v1/journal", params=params, headers=auth_keys.auth("auditor"))
    assert response.status_code == 422
    assert response.json()["type"] == f"https://ledgerflow.dev/problems/{slug}"
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize("path", ["/v1/journal", "/v1/integrity"])
@pytest.mark.parametrize(
    ("role", "status"),
    [("cashier", 403), ("collector", 403), ("service", 403), ("accountant", 200), ("admin", 200)],
)
async def test_only_auditors_accountants_and_admins_read_the_books(
    client: httpx.AsyncClient, auth_keys: KeyPair, path: str, role: str, status: int
) -> None:
    assert (await client.get(path, headers=auth_keys.auth(role))).status_code == status
    assert (await client.get(path)).status_code == 401
