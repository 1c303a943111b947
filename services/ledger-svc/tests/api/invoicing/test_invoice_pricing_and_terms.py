from typing import Any

import httpx
import pytest

from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_platform.testing import KeyPair, app_client

MACHINE = {
    "description": "Machine",
    "quantity": "2",
    "unit_price": "1000.00",
    "discount": {"percent": "12.5"},
    "tax_rate": "19",
}
SERVICE = {
    "description": "Installation",
    "quantity": "1.5",
    "unit_price": "80.00",
    "discount": {"amount": "10.00"},
    "tax_rate": "7",
}


def invoice(customer_id: str, **fields: Any) -> dict[str, Any]:
    return {"customer_id": customer_id, "issue_date": "2026-03-01", "lines": [MACHINE], **fields}


async def test_lines_are_discounted_then_taxed_and_the_journal_splits_net_and_tax(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR", payment_terms_days=30)
    response = await client.post(
        "/v1/invoices",
        json=invoice(customer_id, lines=[MACHINE, SERVICE]),
        headers=auth_keys.auth("accountant"),
    )

    assert response.status_code == 201, response.text
    body = response.json()
    # 2000.00 - 12.5 % = 1750.00, +19 % = 332.50; 120.00 - 10.00 = 110.00, +7 % = 7.70.
    assert [
        (x["amount"], x["discount"], x["net"], x["tax_rate"], x["tax"], x["gross"])
        for x in body["lines"]
    ] == [
        ("2000.00", {"percent": "12.5", "amount": "250.00"}, "1750.00", "19", "332.50", "2082.50"),
        ("120.00", {"percent": None, "amount": "10.00"}, "110.00", "7", "7.70", "117.70"),
    ]
    assert (body["net"], body["tax"], body["total"], body["open_amount"]) == (
        "1860.00",
        "340.20",
        "2200.20",
        "2200.20",
    )
    assert await ledger_db.rows(
        "SELECT l.account, l.debit, l.credit, l.invoice_id FROM journal_lines l "
        "JOIN journal_entries e ON e.id = l.entry_id WHERE e.source_id = :i ORDER BY l.position",
        i=body["id"],
    ) == [
        ("receivable", 220020, 0, body["id"]),
        ("revenue", 0, 186000, None),
        ("tax_payable", 0, 34020, None),
    ]
    [(_, event)] = await ledger_db.outbox(customer_id)
    assert (event["total"], event["totals"]) == ("2200.20", {"net": "1860.00", "tax": "340.20"})


async def test_instalment_terms_schedule_each_share_and_the_invoice_is_due_with_the_last(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    terms = {
        "kind": "instalments",
        "instalments": [{"percent": "30", "days": 0}, {"percent": "70", "days": 60}],
    }
    lines = [{"description": "Build", "quantity": "1", "unit_price": "100.01"}]
    response = await client.post(
        "/v1/invoices",
        json=invoice(customer_id, lines=lines, terms=terms, series="BLD"),
        headers=auth_keys.auth("service"),
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["number"] == "BLD-2026-000001"
    assert body["instalments"] == [
        {"due_date": "2026-03-01", "amount": "30.00"},
        {"due_date": "2026-04-30", "amount": "70.01"},
    ]
    assert (body["due_date"], body["terms"]["kind"], body["terms"]["days"]) == (
        "2026-04-30",
        "instalments",
        None,
    )
    [(_, event)] = await ledger_db.outbox(customer_id)
    assert (event["due_date"], event["instalments"]) == ("2026-04-30", body["instalments"])


async def test_end_of_month_terms_with_an_early_payment_discount_are_kept_on_the_invoice(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    terms = {
        "kind": "end_of_month",
        "days": 30,
        "early_payment_discount": {"percent": 2, "days": 10},
    }
    response = await client.post(
        "/v1/invoices",
        json=invoice(customer_id, issue_date="2026-02-14", terms=terms),
        headers=auth_keys.auth("service"),
    )

    assert response.status_code == 201, response.text
    assert response.json()["due_date"] == "2026-03-30"
    assert response.json()["terms"] == {
        "kind": "end_of_month",
        "days": 30,
        "early_payment_discount": {"percent": "2", "until": "2026-02-24"},
    }


async def test_with_a_business_calendar_configured_due_dates_roll_to_the_next_business_day(
    settings: Settings, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR", payment_terms_days=30)
    body = invoice(customer_id, issue_date="2026-11-25")  # + 30 days: Christmas, a Friday
    german_settings = settings.model_copy(update={"business_calendar": "DE"})
    async with app_client(SPEC, german_settings) as german:
        rolled = await german.post("/v1/invoices", json=body, headers=auth_keys.auth("service"))
        fixed = await german.post(
            "/v1/invoices",
            json={**body, "due_date": "2026-12-25"},
            headers=auth_keys.auth("service"),
        )

    assert rolled.json()["due_date"] == "2026-12-28"
    assert fixed.json()["due_date"] == "2026-12-25"


def line(**changes: Any) -> dict[str, Any]:
    return {"lines": [{**MACHINE, **changes}]}


@pytest.mark.parametrize(
    ("change", "slug", "field"),
    [
        (line(discount={"percent": "100.5"}), "invalid-discount", "lines.0.discount.percent"),
        (line(discount={"percent": "-5"}), "invalid-discount", "lines.0.discount.percent"),
        (line(discount={"amount": "2000.01"}), "invalid-discount", "lines.0.discount.amount"),
        (line(discount={"amount": "1.005"}), "invalid-amount", "lines.0.discount.amount"),
        (line(discount={"amount": "-1.00"}), "invalid-amount", "lines.0.discount.amount"),
        (line(discount={"percent": "5", "amount": "1.00"}), "invalid-discount", "lines.0.discount"),
        (line(tax_rate="-1"), "invalid-tax-rate", "lines.0.tax_rate"),
        (line(tax_rate="19.12345"), "invalid-tax-rate", "lines.0.tax_rate"),
        (line(tax_rate="abc"), "validation-error", "lines.0.tax_rate"),
        (
            {"terms": {"kind": "instalments", "instalments": [{"percent": "30", "days": 0}]}},
            "invalid-terms",
            "terms.instalments",
        ),
        ({"terms": {"kind": "net"}}, "invalid-terms", "terms.days"),
        ({"terms": {"kind": "weekly", "days": 7}}, "validation-error", "terms.kind"),
        (
            {"terms": {"kind": "net", "days": 10}, "due_date": "2026-03-20"},
            "invalid-terms",
            "terms",
        ),
        ({"series": "inv"}, "validation-error", "series"),
    ],
)
async def test_bad_discounts_tax_rates_and_terms_are_refused_naming_the_field_and_write_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    change: dict[str, Any],
    slug: str,
    field: str,
) -> None:
    customer_id = await register_customer("EUR")
    before = await ledger_db.counts()
    headers = {**auth_keys.auth("accountant"), "Idempotency-Key": f"bad-{slug}-{field}-{change}"}
    response = await client.post(
        "/v1/invoices", json={**invoice(customer_id), **change}, headers=headers
    )

    assert response.status_code == 422, response.text
    assert response.json()["type"] == f"https://ledgerflow.dev/problems/{slug}"
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await ledger_db.counts() == before
