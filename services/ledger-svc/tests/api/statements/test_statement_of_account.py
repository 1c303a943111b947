import csv
import io

import httpx
import pytest
from pypdf import PdfReader

from ledgerflow_platform.testing import KeyPair

from .statement_steps import HOSTILE_REFERENCE, PERIOD, invoice, pay, statement


@pytest.fixture
async def customer(client: httpx.AsyncClient, auth_keys: KeyPair, register_customer) -> str:
    """Invoices, payments and a void spread over a year; see each test for the figures."""
    c = await register_customer("EUR")
    a = await invoice(client, auth_keys, c, "2026-01-10", "2026-02-09", "141.61")
    await pay(client, auth_keys, c, "2026-02-15", "50.00", "BANK-1")
    b = await invoice(client, auth_keys, c, "2026-03-01", "2026-03-31", "100.00")
    voided = await client.post(
        f"/v1/invoices/{b['id']}:void",
        json={"voided_on": "2026-03-05", "reason": "Billed twice"},
        headers=auth_keys.auth("accountant"),
    )
    assert voided.status_code == 200, voided.text
    await invoice(client, auth_keys, c, "2026-03-10", "2026-04-09", "200.00")
    # Pays the rest of A (91.61) and C (200.00); 8.39 is kept as credit.
    await pay(client, auth_keys, c, "2026-03-20", "300.00", HOSTILE_REFERENCE)
    await invoice(client, auth_keys, c, "2026-04-01", "2026-04-30", "60.00")
    await invoice(client, auth_keys, c, "2026-04-02", "2026-04-05", "25.00")
    # Recorded last but dated in January: before the period, 89 days late at its end.
    await invoice(client, auth_keys, c, "2026-01-05", "2026-01-31", "70.00")
    # After the period: in no figure of it.
    await invoice(client, auth_keys, c, "2026-05-10", "2026-06-09", "999.00")
    assert a["number"]
    return c


async def test_statement_shows_opening_every_movement_closing_and_aging_to_the_cent(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    response = await statement(client, auth_keys, customer)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["from"], body["to"], body["currency"]) == ("2026-02-01", "2026-04-30", "EUR")
    assert body["opening_balance"] == "211.61"  # A 141.61 + F 70.00
    assert [
        (m["date"], m["source_type"], m["reversal"], m["debit"], m["credit"], m["balance"])
        for m in body["movements"]
    ] == [
        ("2026-02-15", "payment", False, "0.00", "50.00", "161.61"),
        ("2026-03-01", "invoice", False, "100.00", "0.00", "261.61"),
        ("2026-03-05", "invoice", True, "0.00", "100.00", "161.61"),
        ("2026-03-10", "invoice", False, "200.00", "0.00", "361.61"),
        ("2026-03-20", "payment", False, "0.00", "300.00", "61.61"),
        ("2026-04-01", "invoice", False, "60.00", "0.00", "121.61"),
        ("2026-04-02", "invoice", False, "25.00", "0.00", "146.61"),
    ]
    assert body["movements"][4]["reference"] == HOSTILE_REFERENCE
    assert len(body["movements"][4]["invoices"]) == 2
    assert (body["total_debits"], body["total_credits"]) == ("385.00", "450.00")
    assert body["closing_balance"] == "146.61"
    assert body["aging"] == {
        "as_of": "2026-04-30",
        "current": "60.00",
        "days_1_30": "25.00",
        "days_31_60": "0.00",
        "days_61_90": "70.00",
        "over_90": "0.00",
        "open_items": "155.00",
        "customer_credit": "8.39",
        "balance": "146.61",
    }


@pytest.mark.parametrize("split", ["2026-01-06", "2026-02-15", "2026-03-05", "2026-04-02"])
async def test_adjacent_periods_chain_each_closing_into_the_next_opening(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str, split: str
) -> None:
    before = await statement(client, auth_keys, customer, **{"from": "2026-01-01", "to": split})
    after_start = await statement(client, auth_keys, customer, **{"from": split})
    # The day after the split opens with the split day's close.
    day_after = f"{split[:8]}{int(split[8:]) + 1:02d}"
    after = await statement(client, auth_keys, customer, **{"from": day_after})
    whole = await statement(client, auth_keys, customer, **{"from": "2026-01-01"})

    assert before.json()["opening_balance"] == "0.00"
    assert after.json()["opening_balance"] == before.json()["closing_balance"]
    assert after_start.json()["closing_balance"] == "146.61"
    assert after.json()["closing_balance"] == whole.json()["closing_balance"] == "146.61"


async def test_the_csv_statement_adds_up_and_cannot_run_formulas(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    response = await client.get(
        f"/v1/customers/{customer}/statement",
        params=PERIOD,
        headers={**auth_keys.auth("accountant"), "Accept": "text/csv"},
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    by_kind = {r["kind"]: r for r in rows if r["kind"] != "movement"}
    assert by_kind["opening_balance"]["balance"] == "211.61"
    assert (by_kind["closing_balance"]["date"], by_kind["closing_balance"]["balance"]) == (
        "2026-04-30",
        "146.61",
    )
    assert by_kind["aging_days_61_90"]["balance"] == "70.00"
    assert by_kind["customer_credit"]["balance"] == "8.39"
    movements = [r for r in rows if r["kind"] == "movement"]
    assert [r["balance"] for r in movements][-1] == "146.61"
    assert movements[4]["reference"] == "'" + HOSTILE_REFERENCE


async def test_the_pdf_statement_is_a_real_pdf_showing_the_closing_balance(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    response = await statement(client, auth_keys, customer, format="pdf")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Statement of account" in text
    assert "Closing balance" in text
    assert "146.61" in text
    assert "Opening balance at 2026-01-31 211.61" in text
