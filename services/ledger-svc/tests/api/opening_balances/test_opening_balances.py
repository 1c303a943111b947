"""Opening balances at a cut-over: per row an opening invoice and what of it was paid, dated
on the cut-over, against opening_balance_equity; all or nothing, every bad cell named."""

import io
from datetime import UTC, date, datetime
from typing import Any

import httpx
import openpyxl
from uuid6 import uuid7

from ledgerflow_events.contracts.customer import ContractSigned, CustomerRegistered
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair

HEADER = "customer_code,contract_number,currency,invoiced,paid,due_date\n"


async def customer(delivery: EventDelivery, currency: str = "CNY") -> tuple[str, str]:
    """A customer filed under a code of its own: (customer id, code)."""
    customer_id = str(uuid7())
    code = f"OB-{customer_id[-8:]}".upper()
    registered = CustomerRegistered(
        customer_id=customer_id,
        name="Yangtze Components Co., Ltd.",
        currency=currency,
        payment_terms_days=30,
        registered_at=datetime(2025, 1, 2, tzinfo=UTC),
        code=code,
    )
    assert await delivery.deliver(registered) == Outcome.APPLIED
    return customer_id, code


async def contract(delivery: EventDelivery, customer_id: str, number: str) -> str:
    contract_id = str(uuid7())
    signed = ContractSigned(
        customer_id=customer_id,
        contract_id=contract_id,
        number=number,
        contract_version=1,
        project="Line 3",
        signed_on=date(2025, 3, 1),
        currency="CNY",
        total="360000.00",
        payment_terms_days=30,
        activated_on=date(2025, 3, 1),
    )
    assert await delivery.deliver(signed) == Outcome.APPLIED
    return contract_id


async def upload(
    client: httpx.AsyncClient,
    keys: KeyPair,
    content: str | bytes,
    *,
    cutover: str = "2026-01-01",
    filename: str = "balances.csv",
) -> httpx.Response:
    data = content.encode() if isinstance(content, str) else content
    return await client.post(
        "/v1/opening-balances",
        params={"cutover_date": cutover},
        files={"file": (filename, data, "application/octet-stream")},
        headers=keys.auth("accountant"),
    )


async def balance(client: httpx.AsyncClient, keys: KeyPair, customer_id: str) -> dict[str, Any]:
    response = await client.get(
        f"/v1/customers/{customer_id}/balance", headers=keys.auth("auditor")
    )
    return dict(response.json())


async def test_each_row_posts_an_opening_invoice_and_what_was_paid_against_equity(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, ledger_db
) -> None:
    yangtze, code = await customer(delivery)
    contract_id = await contract(delivery, yangtze, "HT-2025-001")
    pearl, pearl_code = await customer(delivery)
    rows = [
        f"{code},HT-2025-001,CNY,360000.00,120000.00,2025-12-15",
        f"{code},,,5000.50,0,",
        f"{pearl_code},,CNY,800.00,800.00,2025-11-30",
    ]

    response = await upload(client, auth_keys, HEADER + "\n".join(rows) + "\n")

    assert response.status_code == 201, response.text
    assert response.json() == {"rows": 3, "invoices_created": 3, "payments_created": 2}
    assert await balance(client, auth_keys, yangtze) == {
        "customer_id": yangtze,
        "currency": "CNY",
        "open_amount": "245000.50",
        "overdue_amount": "0.00",
        "credit_amount": "0.00",
    }
    assert (await balance(client, auth_keys, pearl))["open_amount"] == "0.00"
    invoices = (
        await client.get(
            "/v1/invoices", params={"customer_id": yangtze}, headers=auth_keys.auth("auditor")
        )
    ).json()["items"]
    assert sorted(
        (i["issue_date"], i["due_date"], i["total"], i["open_amount"], i["contract_id"])
        for i in invoices
    ) == [
        ("2026-01-01", "2025-12-15", "360000.00", "240000.00", contract_id),
        ("2026-01-01", "2026-01-01", "5000.50", "5000.50", None),
    ]
    assert all(i["number"].startswith("OB-2026-") for i in invoices)
    equity = await ledger_db.rows(
        "SELECT sum(l.credit) - sum(l.debit) FROM journal_lines l "
        "JOIN journal_entries e ON e.id = l.entry_id "
        "WHERE l.account = 'opening_balance_equity' AND e.source_id IN ("
        "  SELECT id FROM invoices WHERE customer_id = :c"
        "  UNION SELECT payment_id FROM payment_allocations a JOIN invoices i"
        "  ON i.id = a.invoice_id WHERE i.customer_id = :c)",
        c=yangtze,
    )
    assert equity == [(24500050,)]
    events = await ledger_db.rows(
        "SELECT type, payload FROM outbox WHERE aggregateid = :c ORDER BY position", c=pearl
    )
    [(issued, invoice), (received, payment), (paid, closed)] = events
    assert (issued, received, paid) == (
        "ledger.invoice_issued.v1",
        "ledger.payment_received.v1",
        "ledger.invoice_paid.v1",
    )
    # Marked as opening balances: a debt and its settlement, not a sale or cash of the day.
    assert (invoice["total"], invoice["issue_date"], invoice["due_date"], invoice["opening"]) == (
        "800.00",
        "2026-01-01",
        "2025-11-30",
        True,
    )
    assert (
        payment["amount"],
        payment["received_on"],
        payment["unapplied_amount"],
        payment["opening"],
    ) == ("800.00", "2026-01-01", "0.00", True)
    assert payment["allocations"] == [
        {
            "invoice_id": invoice["invoice_id"],
            "amount": "800.00",
            "open_amount_after": "0.00",
            "discount": "0.00",
        }
    ]
    assert closed["invoice_id"] == invoice["invoice_id"]
    integrity = await client.get("/v1/integrity", headers=auth_keys.auth("auditor"))
    assert integrity.json()["ok"] is True, integrity.json()


async def test_a_file_with_errors_posts_nothing_and_names_every_bad_cell(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, ledger_db
) -> None:
    _, code = await customer(delivery)
    rows = [
        f"{code},,,100.00,20.00,",
        f"{code},HT-404,,100.00,0,",
        "NOBODY-1,,,100.00,0,",
        f"{code},,EUR,100.00,0,",
        f"{code},,,100.00,150.00,",
        f"{code},,,12.345,0,2025-02-30",
    ]
    before = await ledger_db.counts()

    response = await upload(client, auth_keys, HEADER + "\n".join(rows) + "\n")

    assert response.status_code == 422
    problem = response.json()
    assert problem["type"].rsplit("/", 1)[1] == "opening-balances-rejected"
    assert [(e["row"], e["column"]) for e in problem["errors"]] == [
        (3, "contract_number"),
        (4, "customer_code"),
        (5, "currency"),
        (6, "paid"),
        (7, "due_date"),
        (7, "invoiced"),
    ]
    assert problem["error_count"] == 6
    assert await ledger_db.counts() == before


async def test_a_customer_takes_its_opening_balance_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer_id, code = await customer(delivery)
    first = await upload(client, auth_keys, HEADER + f"{code},,,70.00,10.00,\n")

    again = await upload(client, auth_keys, HEADER + f"{code},,,70.00,10.00,\n")

    assert first.status_code == 201
    assert again.status_code == 422
    assert again.json()["errors"][0]["message"] == f"{code} already has an opening balance."
    assert (await balance(client, auth_keys, customer_id))["open_amount"] == "60.00"


async def test_an_xlsx_file_is_read_and_a_formula_cell_is_refused_by_its_row_and_column(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer_id, code = await customer(delivery, currency="EUR")

    def workbook(paid: object) -> bytes:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["customer_code", "invoiced", "paid", "due_date"])
        sheet.append([code, 1280000.5, paid, datetime(2025, 12, 31)])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    formula = await upload(client, auth_keys, workbook("=B2/2"), filename="ob.xlsx")
    accepted = await upload(client, auth_keys, workbook(280000), filename="ob.xlsx")

    assert (formula.status_code, formula.json()["type"].rsplit("/", 1)[1]) == (
        422,
        "opening-balances-rejected",
    )
    assert [(e["row"], e["column"]) for e in formula.json()["errors"]] == [(2, "paid")]
    assert accepted.status_code == 201, accepted.text
    assert (await balance(client, auth_keys, customer_id))["open_amount"] == "1000000.50"


async def test_the_cutover_date_is_bounded(client: httpx.AsyncClient, auth_keys: KeyPair) -> None:
    response = await upload(client, auth_keys, HEADER, cutover="0001-01-01")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cutover_date"


async def test_an_unreadable_file_is_refused_in_the_report(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await upload(client, auth_keys, b"PK\x03\x04 not a workbook", filename="x.xlsx")

    assert response.status_code == 422
    problem = response.json()
    assert problem["type"].rsplit("/", 1)[1] == "opening-balances-rejected"
    assert [(e["row"], e["column"]) for e in problem["errors"]] == [(0, None)]


async def test_a_cutover_in_a_closed_month_or_after_the_business_date_posts_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, ledger_db
) -> None:
    _, code = await customer(delivery)
    closed = await client.post(
        "/v1/periods/2024-03:close", headers=auth_keys.auth("accountant", subject="carol")
    )
    assert closed.status_code == 200, closed.text
    before = await ledger_db.counts()

    in_closed = await upload(
        client, auth_keys, HEADER + f"{code},,,70.00,0,\n", cutover="2024-03-31"
    )
    ahead = await upload(client, auth_keys, HEADER + f"{code},,,70.00,0,\n", cutover="2199-01-01")

    assert (in_closed.status_code, in_closed.json()["type"].rsplit("/", 1)[1]) == (
        409,
        "period-closed",
    )
    assert (in_closed.json()["period"], in_closed.json()["first_open_date"]) == (
        "2024-03",
        "2024-04-01",
    )
    assert (ahead.status_code, ahead.json()["type"].rsplit("/", 1)[1]) == (422, "date-in-future")
    assert ahead.json()["errors"][0]["field"] == "cutover_date"
    assert await ledger_db.counts() == before
