from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

from .bank_files import fixture, new_iban

STATEMENT_TABLES = ("bank_statements", "bank_statement_lines")


async def upload(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    content: bytes,
    name: str = "statement.xml",
    **form: str,
) -> httpx.Response:
    return await client.post(
        "/v1/bank-statements", files={"file": (name, content)}, data=form, headers=headers
    )


def without_ids(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in line.items() if k != "id"} for line in lines]


async def test_a_camt053_statement_is_imported_with_every_line_to_the_cent(
    client: httpx.AsyncClient, auth_keys: KeyPair, ledger_db
) -> None:
    account = new_iban()

    response = await upload(
        client, auth_keys.auth("cashier"), fixture("camt053_v02.xml", account=account)
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert {k: v for k, v in body.items() if k not in ("id", "imported_at", "lines")} == {
        "format": "camt053",
        "filename": "statement.xml",
        "file_sha256": body["file_sha256"],
        "account": account,
        "currency": "EUR",
        "bank_statement_id": "STMT-20260302-0001",
        "period_from": "2026-03-02",
        "period_to": "2026-03-02",
        "opening_balance": "12500.00",
        "closing_balance": "14189.75",
        "lines_already_imported": 0,
    }
    common = {"booking_date": "2026-03-02", "currency": "EUR"}
    assert without_ids(body["lines"]) == [
        {**common, "position": 0, "value_date": "2026-03-02", "direction": "credit",
         "amount": "1190.00", "reference": "E2E-ACME-0001",
         "remittance": "RCN-2026-000001 thank you", "bank_reference": "2026030200001",
         "counterparty_name": "Acme Trading Ltd", "counterparty_account": "****4931"},
        {**common, "position": 1, "value_date": "2026-03-03", "direction": "credit",
         "amount": "500.00", "reference": "RF18539007547034", "remittance": "RF18539007547034",
         "bank_reference": "2026030200002-1", "counterparty_name": "Brightside GmbH",
         "counterparty_account": "****2051"},
        {**common, "position": 2, "value_date": "2026-03-03", "direction": "credit",
         "amount": "250.50", "reference": "PO-88231", "remittance": "Order PO-88231 second half",
         "bank_reference": "2026030200002-2", "counterparty_name": "Cobalt Retail SA",
         "counterparty_account": None},
        {**common, "position": 3, "value_date": "2026-03-02", "direction": "debit",
         "amount": "250.75", "reference": "SUP-2026-117", "remittance": "Invoice 2026-117",
         "bank_reference": "2026030200003", "counterparty_name": "Office Supplies KG",
         "counterparty_account": "****6199"},
    ]  # fmt: skip
    # Payers' account numbers are personal data: only fingerprints and masks are kept.
    stored = await ledger_db.rows(
        "SELECT count(*) FROM bank_statement_lines WHERE statement_id = :s AND "
        "concat_ws('|', reference, remittance, counterparty_iban_hash, counterparty_iban_masked)"
        " LIKE '%5407324931%'",
        s=body["id"],
    )
    assert stored == [(0,)]


async def test_the_same_file_imported_twice_adds_nothing_and_returns_the_first_import(
    client: httpx.AsyncClient, auth_keys: KeyPair, ledger_db
) -> None:
    content = fixture("camt053_v08.xml").replace(b"NL91ABNA0417164300", new_iban().encode())
    accountant = auth_keys.auth("accountant")
    first = await upload(client, accountant, content)
    counts = await ledger_db.counts(*STATEMENT_TABLES)

    again = await upload(client, accountant, content, name="renamed.xml")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert await ledger_db.counts(*STATEMENT_TABLES) == counts


async def test_a_statement_repeating_lines_of_an_earlier_one_adds_only_the_new_lines(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    account = new_iban()
    cashier = auth_keys.auth("cashier")
    await upload(client, cashier, fixture("camt053_v02.xml", account=account))

    # The MT940 of the same account and days repeats the first credit and the debit (same
    # date, amount, reference and bank id); its batch credit is booked differently, and
    # its reversal is new.
    mt940 = await upload(client, cashier, fixture("mt940_sample.sta", account=account), "a.sta")

    assert mt940.status_code == 201, mt940.text
    body = mt940.json()
    assert (body["format"], body["lines_already_imported"]) == ("mt940", 2)
    assert [(x["position"], x["amount"], x["direction"]) for x in body["lines"]] == [
        (1, "750.50", "credit"),
        (3, "12.34", "credit"),
    ]


async def test_a_csv_statement_takes_the_account_from_the_form(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    account = new_iban()

    response = await upload(
        client,
        auth_keys.auth("cashier"),
        fixture("statement.csv").replace(b"SUP-2026-117", account.encode()),
        "export.txt",
        format="csv",
        account=account,
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["format"], body["account"], body["currency"], body["opening_balance"]) == (
        "csv",
        account,
        None,
        None,
    )
    assert [(x["amount"], x["currency"], x["direction"]) for x in body["lines"]] == [
        ("1190.00", "EUR", "credit"),
        ("250.75", "EUR", "debit"),
        ("0.01", "EUR", "credit"),
        ("15000", "JPY", "credit"),
    ]


@pytest.mark.parametrize(
    ("name", "old", "new", "detail"),
    [
        (
            "camt053_v02.xml",
            b">14189.75<",
            b">14189.76<",
            "camt053 Document/BkToCstmrStmt/Stmt[1]/Bal: opening balance 12500.00 EUR plus "
            "movements 1689.75 EUR is 14189.75 EUR, but the closing balance is 14189.76 EUR",
        ),
        (
            "mt940_sample.sta",
            b":61:2603020302C1190,00",
            b":61:2603020302C1190,001",
            "mt940 line 6 (:61:): 1190.001 has more than 2 decimals for EUR",
        ),
        (
            "statement.csv",
            b"2026-03-03,0.01",
            b"2026-03-33,0.01",
            "csv line 4, column date: '2026-03-33' is not a date (YYYY-MM-DD)",
        ),
    ],
    ids=["camt053", "mt940", "csv"],
)
async def test_a_malformed_file_is_refused_naming_where_and_leaves_no_trace(
    client: httpx.AsyncClient, auth_keys: KeyPair, ledger_db, name, old, new, detail
) -> None:
    before = await ledger_db.counts(*STATEMENT_TABLES)
    content = fixture(name, account=new_iban())
    assert content.count(old) == 1

    response = await upload(client, auth_keys.auth("cashier"), content.replace(old, new), name)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "https://ledgerflow.dev/problems/malformed-statement"
    assert (problem["detail"], problem["errors"]) == (
        detail,
        [{"field": "file", "message": detail}],
    )
    assert await ledger_db.counts(*STATEMENT_TABLES) == before


async def test_a_file_over_ten_mebibytes_is_refused_before_it_is_read(
    client: httpx.AsyncClient, auth_keys: KeyPair, ledger_db
) -> None:
    before = await ledger_db.counts(*STATEMENT_TABLES)

    response = await upload(client, auth_keys.auth("cashier"), b" " * (10 * 1024 * 1024 + 1))

    assert (response.status_code, response.json()["errors"][0]["field"]) == (413, "file")
    assert await ledger_db.counts(*STATEMENT_TABLES) == before


async def test_an_upload_without_a_file_or_with_an_unknown_format_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    cashier = auth_keys.auth("cashier")
    no_file = await client.post("/v1/bank-statements", data={"format": "csv"}, headers=cashier)
    bad_format = await upload(client, cashier, b"date,amount,currency\n", format="bai2")

    assert (no_file.status_code, no_file.json()["errors"][0]["field"]) == (422, "file")
    assert (bad_format.status_code, bad_format.json()["errors"][0]["field"]) == (422, "format")


async def test_cashiers_and_accountants_import_auditors_only_read(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    content = fixture("camt053_v02.xml", account=new_iban())

    anonymous = await upload(client, {}, content)
    auditor = await upload(client, auth_keys.auth("auditor"), content)
    collector_reads = await client.get("/v1/bank-statements", headers=auth_keys.auth("collector"))
    imported = await upload(client, auth_keys.auth("accountant"), content)
    audited = await client.get(
        f"/v1/bank-statements/{imported.json()['id']}", headers=auth_keys.auth("auditor")
    )

    assert [anonymous.status_code, auditor.status_code, collector_reads.status_code] == [
        401,
        403,
        403,
    ]
    assert (audited.status_code, audited.json()) == (200, imported.json())


async def test_statements_are_listed_in_import_order_a_page_at_a_time(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    cashier = auth_keys.auth("cashier")
    ids = [
        (await upload(client, cashier, fixture("camt053_v02.xml", account=new_iban()))).json()["id"]
        for _ in range(3)
    ]

    seen: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/bank-statements", params=params, headers=cashier)).json()
        seen += page["items"]
        if (cursor := page["next_cursor"]) is None:
            break

    mine = [s for s in seen if s["id"] in ids]
    assert [s["id"] for s in mine] == ids
    assert {(s["line_count"], s["lines_already_imported"], s["format"]) for s in mine} == {
        (4, 0, "camt053")
    }
