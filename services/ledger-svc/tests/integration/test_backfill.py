"""A ledger that ran before the journal existed gets consistent books when it migrates."""

import asyncio

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from uuid6 import uuid7

from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_platform.migrations import alembic_config
from ledgerflow_platform.testing import KeyPair, app_client, migrate

CUSTOMER, INVOICE_A, INVOICE_B, PAYMENT = (str(uuid7()) for _ in range(4))

BEFORE_THE_JOURNAL = [
    "INSERT INTO customer_accounts VALUES (:c, 'EUR', 30, '2026-01-02T00:00:00Z')",
    "INSERT INTO invoices (id, number, customer_id, currency, issue_date, due_date, total, "
    "open_amount, status, issued_at) VALUES "
    "(:a, 'INV-2026-000001', :c, 'EUR', '2026-01-10', '2026-02-09', 10000, 0, 'paid', now()), "
    "(:b, 'INV-2026-000002', :c, 'EUR', '2026-01-20', '2026-02-19', 5000, 3000, "
    "'partially_paid', now())",
    "INSERT INTO invoice_lines VALUES (:a, 0, 'Goods', 1, 10000, 10000), "
    "(:b, 0, 'Service', 2, 2500, 5000)",
    "INSERT INTO payments VALUES (:p, :c, 'EUR', 15000, '2026-02-01', 'BANK-1', 3000, now())",
    "INSERT INTO payment_allocations VALUES (:p, :a, 0, 10000, 0), (:p, :b, 1, 2000, 3000)",
]


async def test_existing_invoices_and_payments_are_posted_to_the_journal_on_upgrade(
    pg_server, auth_keys: KeyPair
) -> None:  # type: ignore[no-untyped-def]
    url = pg_server.create_database("ledger_backfill")
    await asyncio.to_thread(command.upgrade, alembic_config(SPEC.migrations_dir, url), "0001")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        for sql in BEFORE_THE_JOURNAL:
            await conn.execute(
                text(sql), {"c": CUSTOMER, "a": INVOICE_A, "b": INVOICE_B, "p": PAYMENT}
            )
    await engine.dispose()

    await migrate(SPEC, url)

    settings = Settings(database_url=url, auth_public_key=auth_keys.public_pem)
    headers = auth_keys.auth("auditor")
    async with app_client(SPEC, settings) as client:
        report = (await client.get("/v1/integrity", headers=headers)).json()
        entries = (await client.get("/v1/journal", headers=headers)).json()["items"]
        invoice_b = (await client.get(f"/v1/invoices/{INVOICE_B}", headers=headers)).json()

    assert report["ok"] is True, report
    assert [(e["id"], e["source_type"], e["memo"]) for e in entries] == [
        (INVOICE_A, "invoice", "Invoice INV-2026-000001 issued"),
        (INVOICE_B, "invoice", "Invoice INV-2026-000002 issued"),
        (PAYMENT, "payment", "Payment received (BANK-1)"),
    ]
    assert [
        (x["account"], x["debit"], x["credit"], x["invoice_id"]) for x in entries[2]["lines"]
    ] == [
        ("bank", "150.00", "0.00", None),
        ("receivable", "0.00", "100.00", INVOICE_A),
        ("receivable", "0.00", "20.00", INVOICE_B),
        ("customer_credit", "0.00", "30.00", None),
    ]
    assert (invoice_b["net"], invoice_b["tax"], invoice_b["terms"]["days"]) == ("50.00", "0.00", 30)
    assert invoice_b["instalments"] == [{"due_date": "2026-02-19", "amount": "50.00"}]
