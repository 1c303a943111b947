"""With the ledger adjusting tax (LEDGER_TAX_ADJUSTING=true), an early-payment discount takes
back its share of the invoice's output tax, split as a tax-adjusting write-off is: the tax
share rounded half up to the cent, the net the remainder."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest

from ledger_svc.settings import Settings
from ledgerflow_platform.testing import KeyPair

from ...conftest import TEST_BUSINESS_DATE
from .payment_steps import EARLY_DISCOUNT, books_balance, issue, journal_of, lines, pay


@pytest.fixture(scope="module")
def settings(database_url: str, auth_keys: KeyPair) -> Settings:
    return Settings(
        database_url=database_url,
        auth_public_key=auth_keys.public_pem,
        business_date=TEST_BUSINESS_DATE,
        tax_adjusting=True,
    )


def cents(amount: str) -> int:
    return int(Decimal(amount) * 100)


def money(minor: int) -> str:
    return f"{Decimal(minor) / 100:.2f}"


def split(invoice: dict[str, Any], discount: str) -> tuple[int, int]:
    """The oracle: (net, tax) of a discount in the invoice's tax proportion, in decimals."""
    share = Decimal(cents(invoice["tax"])) * cents(discount) / cents(invoice["total"])
    tax = int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return cents(discount) - tax, tax


def taxed(price: str) -> dict[str, Any]:
    line = {"description": "Goods", "quantity": "1", "unit_price": price, "tax_rate": "19"}
    return {"terms": EARLY_DISCOUNT, "lines": [line]}


async def test_a_discount_posts_its_net_to_discounts_allowed_and_its_tax_back_to_tax_payable(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any
) -> None:
    customer_id = await register_customer("EUR")
    invoice = await issue(client, auth_keys, customer_id, "1000.00", **taxed("1000.00"))

    # 1,190.00 issued 2026-03-01, 2 % off until 2026-03-11: 1,166.20 settles it on 2026-03-08.
    paid = await pay(client, auth_keys, customer_id, "1166.20")

    assert (invoice["total"], invoice["tax"]) == ("1190.00", "190.00")
    assert paid["allocations"] == [
        {"invoice_id": invoice["id"], "amount": "1166.20", "discount": "23.80"}
    ]
    assert split(invoice, "23.80") == (2000, 380)
    [discount] = await journal_of(client, auth_keys, customer_id, "early_payment_discount")
    assert (discount["source_id"], discount["memo"]) == (
        paid["id"],
        "Early-payment discount, of which tax 3.80",
    )
    assert lines(discount) == [
        ("discounts_allowed", "20.00", "0.00", None),
        ("tax_payable", "3.80", "0.00", None),
        ("receivable", "0.00", "23.80", invoice["id"]),
    ]
    statement = await client.get(
        f"/v1/customers/{customer_id}/statement",
        params={"from": "2026-03-01", "to": "2026-03-31"},
        headers=auth_keys.auth("accountant"),
    )
    assert [
        (m["source_type"], m["description"], m["debit"], m["credit"], m["balance"])
        for m in statement.json()["movements"]
    ] == [
        ("invoice", f"Invoice {invoice['number']} issued", "1190.00", "0.00", "1190.00"),
        ("payment", "Payment received", "0.00", "1166.20", "23.80"),
        (
            "early_payment_discount",
            "Early-payment discount, of which tax 3.80",
            "0.00",
            "23.80",
            "0.00",
        ),
    ]
    assert await books_balance(client, auth_keys)


async def test_one_payment_splits_each_invoices_discount_in_its_own_proportion_rounding_half_up(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any
) -> None:
    customer_id = await register_customer("EUR")
    odd = await issue(client, auth_keys, customer_id, "33.33", **taxed("33.33"))
    untaxed = await issue(client, auth_keys, customer_id, "50.00", terms=EARLY_DISCOUNT)

    paid = await pay(client, auth_keys, customer_id, "87.87")

    # 39.66 (tax 6.33) less 0.79, and 50.00 less 1.00: 87.87 settles both.
    assert [(a["invoice_id"], a["discount"]) for a in paid["allocations"]] == [
        (odd["id"], "0.79"),
        (untaxed["id"], "1.00"),
    ]
    # 6.33 x 0.79 / 39.66 = 0.12609...: 0.13 of tax, 0.66 net; the untaxed 1.00 all net.
    assert split(odd, "0.79") == (66, 13)
    assert split(untaxed, "1.00") == (100, 0)
    [discount] = await journal_of(client, auth_keys, customer_id, "early_payment_discount")
    assert lines(discount) == [
        ("discounts_allowed", money(66 + 100), "0.00", None),
        ("tax_payable", "0.13", "0.00", None),
        ("receivable", "0.00", "0.79", odd["id"]),
        ("receivable", "0.00", "1.00", untaxed["id"]),
    ]
    assert await books_balance(client, auth_keys)


async def test_credit_applied_inside_the_window_splits_its_discount_the_same_way(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any
) -> None:
    customer_id = await register_customer("EUR")
    await pay(client, auth_keys, customer_id, "200.00", received_on="2026-02-20")
    invoice = await issue(client, auth_keys, customer_id, "99.99", **taxed("99.99"))

    applied = await client.post(
        f"/v1/customers/{customer_id}/credit-applications",
        json={"as_of": "2026-03-05"},
        headers=auth_keys.auth("accountant"),
    )

    assert applied.status_code == 201, applied.text
    # 118.99 (tax 19.00) less 2.38: 19.00 x 2.38 / 118.99 = 0.38003...
    assert (invoice["total"], invoice["tax"]) == ("118.99", "19.00")
    assert split(invoice, "2.38") == (200, 38)
    [discount] = await journal_of(client, auth_keys, customer_id, "early_payment_discount")
    assert discount["source_id"] == applied.json()["id"]
    assert lines(discount) == [
        ("discounts_allowed", "2.00", "0.00", None),
        ("tax_payable", "0.38", "0.00", None),
        ("receivable", "0.00", "2.38", invoice["id"]),
    ]
    assert await books_balance(client, auth_keys)
