from typing import Any

import httpx
import pytest

from ledgerflow_events.contracts.ledger import RECONCILIATION_STREAM
from ledgerflow_platform.testing import KeyPair

from .bank_files import Books, Entry, Json, new_iban


def outcomes(run: Json) -> list[tuple[Any, ...]]:
    return [
        (x["amount"], x["outcome"], x["payment_id"], x["recorded_amount"], x["customer_id"])
        for x in run["lines"]
    ]


async def test_every_line_gets_its_outcome_and_the_run_reports_its_discrepancies(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    books = Books(client, auth_keys)
    acme, bright = await register_customer("EUR"), await register_customer("EUR")
    acme_a = await books.invoice(acme, "1190.00")
    acme_b = await books.invoice(acme, "300.00")
    bright_a = await books.invoice(bright, "480.00")
    ref = f"E2E-{books.tag}"
    p1 = await books.payment(acme, "1190.00", "2026-02-28", f"{ref}-1")
    p2 = await books.payment(bright, "480.00", "2026-03-02", "phone payment")
    bright_account = new_iban()
    registered = await client.post(
        f"/v1/customers/{bright}/bank-accounts",
        json={"iban": bright_account},
        headers=books.accountant,
    )
    statement = await books.statement(
        [
            Entry("1190.00", end_to_end=f"{ref}-1", payer_name="Acme Trading Ltd"),
            Entry("1190.00", booked="2026-03-03", remittance=f"{ref}-1 paid again"),
            Entry("500.00", remittance=f"Invoice {bright_a['number']}"),
            Entry("300.00", remittance=f"Invoice {acme_b['number']} thank you"),
            Entry("75.00", end_to_end=f"{ref}-5", payer_iban=bright_account),
            Entry("12.34", remittance="Kindly see attached"),
            Entry("250.75", direction="DBIT", end_to_end="SUP-2026-117"),
        ]
    )
    lines = [x["id"] for x in statement["lines"]]

    response = await books.reconcile(statement, date_window_days=3)

    assert registered.status_code == 201
    assert [(a["invoice_id"], a["amount"]) for a in p1["allocations"]] == [
        (acme_a["id"], "1190.00")
    ]
    assert response.status_code == 201, response.text
    run = response.json()
    assert run["summary"] == {
        "matched": 1, "proposed": 2, "created": 0, "duplicates": 1, "amount_mismatches": 1,
        "unmatched": 1, "not_applicable": 1,
    }  # fmt: skip
    assert outcomes(run) == [
        ("1190.00", "matched", p1["id"], "1190.00", acme),
        ("1190.00", "duplicate", p1["id"], "1190.00", acme),
        ("500.00", "amount_mismatch", p2["id"], "480.00", bright),
        ("300.00", "proposed", None, "300.00", acme),
        ("75.00", "proposed", None, "75.00", bright),
        ("12.34", "unmatched", None, None, None),
        ("250.75", "not_applicable", None, None, None),
    ]
    assert [(x["invoice_id"], x["payment_reference"]) for x in run["lines"][3:5]] == [
        (acme_b["id"], acme_b["number"]),
        (None, f"{ref}-5"),
    ]
    assert run["lines"][1]["note"] == f"already matched to statement line {lines[0]}"
    assert (run["date_window_days"], run["create_payments"], run["reconciled_by"]) == (
        3,
        False,
        "tester",
    )
    shown = await client.get(f"/v1/reconciliations/{run['id']}", headers=auth_keys.auth("auditor"))
    assert shown.json() == run
    events = [p for t, p in await ledger_db.outbox(RECONCILIATION_STREAM)]
    [event] = [e for e in events if e["reconciliation_id"] == run["id"]]
    assert event == {
        "customer_id": RECONCILIATION_STREAM,
        "reconciliation_id": run["id"],
        "statement_id": statement["id"],
        "period_from": "2026-03-02",
        "period_to": "2026-03-03",
        "counts": run["summary"],
        "discrepancies": [
            {"line_id": lines[1], "outcome": "duplicate", "currency": "EUR", "amount": "1190.00",
             "recorded": {"kind": "payment", "id": p1["id"], "amount": "1190.00"},
             "customer_id": acme, "invoice_id": None},
            {"line_id": lines[2], "outcome": "amount_mismatch", "currency": "EUR",
             "amount": "500.00",
             "recorded": {"kind": "payment", "id": p2["id"], "amount": "480.00"},
             "customer_id": bright, "invoice_id": None},
            {"line_id": lines[3], "outcome": "proposed", "currency": "EUR", "amount": "300.00",
             "recorded": None, "customer_id": acme, "invoice_id": acme_b["id"]},
            {"line_id": lines[4], "outcome": "proposed", "currency": "EUR", "amount": "75.00",
             "recorded": None, "customer_id": bright, "invoice_id": None},
            {"line_id": lines[5], "outcome": "unmatched", "currency": "EUR", "amount": "12.34",
             "recorded": None, "customer_id": None, "invoice_id": None},
        ],
        "created_payment_ids": [],
    }  # fmt: skip


async def test_creating_the_proposed_payments_records_each_once_however_often_it_runs(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    books = Books(client, auth_keys)
    acme = await register_customer("EUR")
    invoice = await books.invoice(acme, "300.00")
    statement = await books.statement(
        [
            Entry("300.00", remittance=f"Invoice {invoice['number']}"),
            Entry("20.00", remittance=f"{invoice['number']} late fee"),
        ]
    )

    created = (await books.reconcile(statement, create_payments=True)).json()
    payments_after_first = await ledger_db.counts("payments")
    rerun = (await books.reconcile(statement, create_payments=True)).json()

    assert created["summary"]["created"] == 2
    [first, second] = [x["payment_id"] for x in created["lines"]]
    assert outcomes(created) == [
        ("300.00", "created", first, "300.00", acme),
        ("20.00", "created", second, "20.00", acme),
    ]
    assert outcomes(rerun) == [
        ("300.00", "matched", first, "300.00", acme),
        ("20.00", "matched", second, "20.00", acme),
    ]
    assert rerun["lines"][0]["note"] == "matched by an earlier reconciliation"
    assert await ledger_db.counts("payments") == payments_after_first
    paid = (await client.get(f"/v1/payments/{first}", headers=books.cashier)).json()
    assert {k: paid[k] for k in ("amount", "received_on", "reference")} == {
        "amount": "300.00",
        "received_on": "2026-03-02",
        "reference": invoice["number"],
    }
    assert [(a["invoice_id"], a["amount"]) for a in paid["allocations"]] == [
        (invoice["id"], "300.00")
    ]
    balance = await client.get(f"/v1/customers/{acme}/balance", headers=books.cashier)
    assert (balance.json()["open_amount"], balance.json()["credit_amount"]) == ("0.00", "20.00")
    [event] = [
        p for _, p in await ledger_db.outbox(RECONCILIATION_STREAM)
        if p["reconciliation_id"] == created["id"]
    ]  # fmt: skip
    assert (event["created_payment_ids"], event["discrepancies"]) == ([first, second], [])
    received = [p["payment_id"] for t, p in await ledger_db.outbox(acme) if "payment_rec" in t]
    assert received == [first, second]


async def test_a_retried_reconcile_request_replays_the_first_run(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    books = Books(client, auth_keys)
    statement = await books.statement([Entry("9.99", remittance="nobody")])
    headers = {**books.cashier, "Idempotency-Key": f"reconcile-{books.tag}"}
    path = f"/v1/bank-statements/{statement['id']}:reconcile"

    first = await client.post(path, json={"create_payments": True}, headers=headers)
    runs = await ledger_db.counts("reconciliations")
    retry = await client.post(path, json={"create_payments": True}, headers=headers)

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert await ledger_db.counts("reconciliations") == runs


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [({"date_window_days": 32}, 422, "date_window_days"), ({"window": 3}, 422, "window")],
)
async def test_a_bad_reconcile_request_is_refused_and_records_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, ledger_db, body, status, field
) -> None:
    books = Books(client, auth_keys)
    statement = await books.statement([Entry("1.00")])
    before = await ledger_db.counts("reconciliations", "reconciliation_lines", "outbox")

    response = await books.reconcile(statement, **body)

    assert (response.status_code, response.json()["errors"][0]["field"]) == (status, field)
    assert await ledger_db.counts("reconciliations", "reconciliation_lines", "outbox") == before


async def test_unknown_statements_and_runs_are_not_found_and_auditors_may_not_reconcile(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    books = Books(client, auth_keys)
    statement = await books.statement([Entry("1.00")])

    missing = await client.post(
        "/v1/bank-statements/nope:reconcile", json={}, headers=books.cashier
    )
    no_run = await client.get("/v1/reconciliations/nope", headers=books.cashier)
    auditor = await client.post(
        f"/v1/bank-statements/{statement['id']}:reconcile",
        json={},
        headers=auth_keys.auth("auditor"),
    )

    assert [missing.status_code, no_run.status_code, auditor.status_code] == [404, 404, 403]
    assert missing.json()["type"].endswith("/bank-statement-not-found")
