import asyncio

import httpx

from ledgerflow_platform.testing import KeyPair

from .invoice_import_steps import HEADER, IMPORT_TABLES, footprint, upload


async def issue_one(client: httpx.AsyncClient, keys: KeyPair, customer_id: str) -> str:
    body = {
        "customer_id": customer_id,
        "issue_date": "2031-03-01",
        "series": "IMP",
        "lines": [{"description": "Single", "quantity": "1", "unit_price": "5.00"}],
    }
    response = await client.post("/v1/invoices", json=body, headers=keys.auth("accountant"))
    assert response.status_code == 201, response.text
    return str(response.json()["number"])


async def test_an_accepted_file_issues_every_invoice_numbered_posted_and_announced(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    eur, other = await register_customer("EUR"), await register_customer("EUR", 10)
    before_number = await issue_one(client, auth_keys, eur)
    header = HEADER.replace("tax_rate", "tax_rate,series")
    rows = [
        f"A-1,{eur},2031-03-05,2031-04-04,Consulting,12.5,80.00,19,IMP",
        f"B-7,{other},2031-03-02,,Tea,3,4.10,7,IMP",
        f"A-1,{eur},2031-03-05,2031-04-04,Travel,1,145.30,,IMP",
    ]
    before, _ = await footprint(ledger_db)

    response = await upload(client, auth_keys, header + "\n".join(rows) + "\n")

    assert response.status_code == 201, response.text
    body = response.json()
    assert {k: body[k] for k in ("rows", "invoices_created", "lines_created", "total")} == {
        "rows": 3,
        "invoices_created": 2,
        "lines_created": 3,
        "total": {"EUR": "1348.46"},  # 1335.30 + 13.16 (12.30 + 0.86 tax)
    }
    after, _ = await footprint(ledger_db)
    grown = {t: after[t] - before[t] for t in IMPORT_TABLES}
    assert grown == {
        "invoices": 2,
        "invoice_lines": 3,
        "invoice_instalments": 2,
        "invoice_counters": 0,
        "journal_entries": 2,
        "journal_lines": 6,
        "outbox": 2,
        "event_streams": 1,  # the other customer's first event
        "invoice_imports": 1,
        "invoice_import_items": 2,
    }
    items = await client.get(
        f"/v1/invoice-imports/{body['import_id']}/invoices", headers=auth_keys.auth("auditor")
    )
    numbers = {i["invoice_ref"]: i["number"] for i in items.json()["items"]}
    # Gap-free after the invoice issued before, numbered by issue date: B-7 is dated first.
    assert before_number == "IMP-2031-000001"
    assert numbers == {"B-7": "IMP-2031-000002", "A-1": "IMP-2031-000003"}
    assert await issue_one(client, auth_keys, other) == "IMP-2031-000004"
    ids = {i["invoice_ref"]: i["invoice_id"] for i in items.json()["items"]}
    invoice = await client.get(f"/v1/invoices/{ids['B-7']}", headers=auth_keys.auth("auditor"))
    assert (invoice.json()["due_date"], invoice.json()["total"]) == ("2031-03-12", "13.16")
    sequences = await ledger_db.rows(
        "SELECT type, sequence, payload->>'number' FROM outbox WHERE aggregateid = :c "
        "ORDER BY position",
        c=eur,
    )
    assert sequences == [
        ("ledger.invoice_issued.v1", 1, "IMP-2031-000001"),
        ("ledger.invoice_issued.v1", 2, "IMP-2031-000003"),
    ]
    integrity = await client.get("/v1/integrity", headers=auth_keys.auth("auditor"))
    assert integrity.json()["ok"] is True, integrity.json()


async def test_a_csv_body_is_taken_as_well_as_a_form_upload(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    response = await client.post(
        "/v1/invoice-imports",
        content=(HEADER + f"Y-1,{customer_id},2031-06-02,,Goods,1,0.99,\n").encode(),
        headers={**auth_keys.auth("admin"), "Content-Type": "text/csv"},
    )
    assert response.status_code == 201, response.text
    assert (response.json()["filename"], response.json()["total"]) == (None, {"EUR": "0.99"})


async def test_imports_and_single_invoices_racing_share_one_gap_free_series_and_stream(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customers = [await register_customer("EUR") for _ in range(3)]
    header = HEADER.replace("tax_rate", "tax_rate,series")
    lines = [
        f"R{n},{customers[n % 3]},2032-01-{1 + n % 28:02d},,Goods,1,{n + 1}.00,,RACE"
        for n in range(30)
    ]

    async def issue(customer_id: str) -> int:
        body = {
            "customer_id": customer_id,
            "issue_date": "2032-02-01",
            "series": "RACE",
            "lines": [{"description": "Single", "quantity": "1", "unit_price": "1.00"}],
        }
        response = await client.post("/v1/invoices", json=body, headers=auth_keys.auth("service"))
        return response.status_code

    statuses = await asyncio.gather(
        upload(client, auth_keys, header + "\n".join(lines) + "\n"),
        *(issue(customers[n % 3]) for n in range(6)),
    )

    assert statuses[0].status_code == 201, statuses[0].text
    assert statuses[1:] == [201] * 6
    numbers = await ledger_db.rows(
        "SELECT number FROM invoices WHERE number LIKE 'RACE-2032-%' ORDER BY number"
    )
    assert [n for (n,) in numbers] == [f"RACE-2032-{k:06d}" for k in range(1, 37)]
    for customer_id in customers:
        sequences = await ledger_db.rows(
            "SELECT sequence FROM outbox WHERE aggregateid = :c ORDER BY position", c=customer_id
        )
        assert [s for (s,) in sequences] == list(range(1, 13))
    integrity = await client.get("/v1/integrity", headers=auth_keys.auth("auditor"))
    assert integrity.json()["ok"] is True


async def test_an_imported_invoice_names_its_order_and_contract_and_announces_them(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    header = HEADER.replace("tax_rate", "tax_rate,order_reference,contract_id")
    rows = [
        f"O-1,{customer_id},2031-05-02,,Cable,2,10.00,,PO-88,K-2031-7",
        f"O-1,{customer_id},2031-05-02,,Plug,1,3.00,,PO-88,K-2031-7",
    ]

    response = await upload(client, auth_keys, header + "\n".join(rows) + "\n")

    assert response.status_code == 201, response.text
    [(payload,)] = await ledger_db.rows(
        "SELECT payload FROM outbox WHERE aggregateid = :c", c=customer_id
    )
    assert (payload["total"], payload["order_reference"], payload["contract_id"]) == (
        "23.00",
        "PO-88",
        "K-2031-7",
    )
    invoice = await client.get(
        f"/v1/invoices/{payload['invoice_id']}", headers=auth_keys.auth("auditor")
    )
    assert (invoice.json()["order_reference"], invoice.json()["contract_id"]) == (
        "PO-88",
        "K-2031-7",
    )
