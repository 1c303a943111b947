"""With the ledger adjusting tax (LEDGER_TAX_ADJUSTING=true), a write-off reclaims its share of
the invoice's output tax instead of expensing it gross."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest

from ledger_svc.settings import Settings
from ledgerflow_platform.testing import KeyPair

from ...conftest import TEST_BUSINESS_DATE
from .steps import assert_books_balance, entry_lines, issue, pay


@pytest.fixture(scope="module")
def settings(database_url: str, auth_keys: KeyPair) -> Settings:
    return Settings(
        database_url=database_url,
        auth_public_key=auth_keys.public_pem,
        business_date=TEST_BUSINESS_DATE,
        tax_adjusting=True,
    )


def tax_share(tax: int, part: int, total: int) -> int:
    """The oracle: the part's share of the tax, rounded half-up, in decimal arithmetic."""
    return int((Decimal(tax) * part / total).quantize(Decimal(1), rounding=ROUND_HALF_UP))


async def test_a_write_off_reclaims_its_share_of_the_tax_to_the_cent(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any, ledger_db: Any
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "100.00", tax_rate="19")  # 119.00
    await pay(client, auth_keys, customer_id, "79.00")
    requested = await client.post(
        f"/v1/invoices/{billed['id']}/write-offs",
        json={"reason": "Customer insolvent", "requested_on": "2026-06-30"},
        headers=auth_keys.auth("credit_manager", subject="alice"),
    )
    write_off = requested.json()

    approved = await client.post(
        f"/v1/write-offs/{write_off['id']}:approve",
        json={"approved_on": "2026-07-01"},
        headers=auth_keys.auth("credit_manager", subject="bob"),
    )

    assert approved.status_code == 200, approved.text
    tax = tax_share(1900, 4000, 11900)
    assert tax == 639
    assert await entry_lines(ledger_db, "write_off", write_off["id"]) == [
        [
            ("bad_debt_expense", 4000 - tax, 0, None),
            ("tax_payable", tax, 0, None),
            ("receivable", 0, 4000, billed["id"]),
        ]
    ]
    await assert_books_balance(client, auth_keys)
