"""Scheduled statements: a run for a period mails every customer with an open balance its
statement of account, once; each customer's statement is sent, or has nobody to go to."""

from datetime import date
from typing import Any

import httpx

from collections_svc.adapters.recipients import Recipients
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem, service_db

from .ledger import Ledger
from .mail_sink import pdfs_of, text_of
from .sending import Sender

D = date
NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}


async def three_customers(delivery: EventDelivery, sender: Sender) -> tuple[str, str, str]:
    """One owing with someone to e-mail, one owing with nobody, one that paid everything."""
    owing, unreachable, settled = Ledger(delivery), Ledger(delivery), Ledger(delivery)
    await owing.issue("INV-1", "250.00", due=D(2026, 12, 1))
    await unreachable.issue("INV-2", "80.00", due=D(2026, 12, 1))
    paid = await settled.issue("INV-3", "99.00", due=D(2026, 12, 1))
    await settled.pay(paid, "99.00", "0.00", D(2026, 11, 20))
    sender.directory.found[owing.customer] = Recipients(("anna@example.com",), "en")
    return owing.customer, unreachable.customer, settled.customer


async def post_run(
    client: httpx.AsyncClient, keys: KeyPair, body: dict[str, str], **headers: str
) -> httpx.Response:
    return await client.post(
        "/v1/statement-runs", json=body, headers=keys.auth("credit_manager") | headers
    )


async def test_a_run_mails_each_customer_owing_its_statement_once(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    sender: Sender,
    database_url: str,
) -> None:
    owing, unreachable, settled = await three_customers(delivery, sender)

    created = await post_run(client, auth_keys, NOVEMBER, **{"Idempotency-Key": "nov-1"})
    run = created.json()
    url = f"/v1/statement-runs/{run['id']}"
    queued = (await client.get(url, headers=auth_keys.auth("auditor"))).json()
    assert await sender.send_statement() is True
    assert await sender.send_statement() is True
    assert await sender.send_statement() is False
    done = (await client.get(url, headers=auth_keys.auth("auditor"))).json()
    again = await post_run(client, auth_keys, NOVEMBER)
    replayed = await post_run(client, auth_keys, NOVEMBER, **{"Idempotency-Key": "nov-1"})

    assert created.status_code == 201, created.text
    assert run == {"id": run["id"], **NOVEMBER, "statements_queued": 2}
    assert [(s["customer_id"], s["status"]) for s in queued["statements"]] == sorted(
        [(owing, "queued"), (unreachable, "queued")]
    )
    by_customer = {s["customer_id"]: s for s in done["statements"]}
    assert set(by_customer) == {owing, unreachable}
    sent = by_customer[owing]
    assert (sent["status"], sent["recipients_masked"], sent["error"]) == (
        "sent",
        ["a***@example.com"],
        None,
    )
    assert sent["sent_at"] is not None
    assert (by_customer[unreachable]["status"], by_customer[unreachable]["sent_at"]) == (
        "no_recipient",
        None,
    )
    [mail] = sender.sink.messages
    assert (mail["Message-ID"].strip(), mail["To"], mail["Subject"]) == (
        sent["message_id"],
        "anna@example.com",
        "Statement of account 2026-11-01 to 2026-11-30",
    )
    assert "your statement of account for 2026-11-01 to 2026-11-30." in text_of(mail)
    assert [name for name, _ in pdfs_of(mail)] == [f"statement-{owing}-2026-11-01-2026-11-30.pdf"]
    assert sender.statements.asked == [(owing, D(2026, 11, 1), D(2026, 11, 30))]
    assert (again.status_code, again.json()) == (200, run)
    assert (replayed.status_code, replayed.json()) == (201, run)
    async with service_db(database_url) as db:
        events = {c: await db.outbox(c) for c in (owing, unreachable, settled)}
    statement_sent: dict[str, Any] = {
        "customer_id": owing,
        "statement_run_id": run["id"],
        "statement_id": events[owing][0][1]["statement_id"],
        "date_from": "2026-11-01",
        "date_to": "2026-11-30",
        "sent_at": "2026-12-31T09:00:02Z",
    }
    assert events == {
        owing: [("collections.statement_sent.v1", statement_sent)],
        unreachable: [],
        settled: [],
    }


async def test_a_period_of_a_year_runs_and_any_other_bad_period_is_refused_changing_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, database_url: str
) -> None:
    backwards = await post_run(client, auth_keys, {"from": "2026-11-30", "to": "2026-11-01"})
    too_long = await post_run(client, auth_keys, {"from": "2025-11-30", "to": "2026-11-30"})
    # A whole year, to the day, is the longest statement a run mails.
    a_year = await post_run(client, auth_keys, {"from": "2025-12-01", "to": "2026-11-30"})
    future = await post_run(client, auth_keys, {"from": "2026-12-01", "to": "2027-01-31"})
    not_a_date = await post_run(client, auth_keys, {"from": "2026-11-31", "to": "2026-11-30"})
    far = await post_run(client, auth_keys, {"from": "1899-12-31", "to": "2026-11-30"})
    missing = await post_run(client, auth_keys, {"from": "2026-11-01"})
    collector = await client.post(
        "/v1/statement-runs", json=NOVEMBER, headers=auth_keys.auth("collector")
    )
    unknown = await client.get("/v1/statement-runs/no-such-run", headers=auth_keys.auth("auditor"))

    assert_problem(backwards, 422, "statement-period-invalid", fields=["to"])
    assert_problem(too_long, 422, "statement-period-invalid", fields=["to"])
    assert_problem(future, 422, "date-in-future", fields=["to"])
    assert_problem(not_a_date, 422, "validation-error", fields=["from"])
    assert_problem(far, 422, "validation-error", fields=["from"])
    assert_problem(missing, 422, "validation-error", fields=["to"])
    assert (a_year.status_code, a_year.json()["statements_queued"]) == (201, 0)
    assert collector.status_code == 403
    assert_problem(unknown, 404, "statement-run-not-found")
    async with service_db(database_url) as db:
        assert await db.counts("statement_runs", "statement_mails") == {
            "statement_runs": 1,
            "statement_mails": 0,
        }
