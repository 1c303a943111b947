"""Closing a month: nothing dated in it can be posted, of any kind, until an admin reopens it;
runs and postings dated after the business date are refused."""

from datetime import date
from typing import Any

import httpx
import pytest

from ledger_svc.settings import Settings
from ledgerflow_platform.testing import KeyPair, assert_problem

from ..adjustments.steps import TRACE_TABLES, issue, pay
from ..bank_reconciliation.bank_files import Books, Entry

# Every test here runs on this business date (conftest.py's is far later).
BUSINESS_DATE = date(2026, 6, 30)
JAN_CLOSED = {"period": "2026-01", "first_open_date": "2026-02-01"}
CLOSED_DETAIL = (
    "Period 2026-01 is closed: nothing dated in it can be posted; the first open date is "
    "2026-02-01."
)


@pytest.fixture(scope="module")
def settings(database_url: str, auth_keys: KeyPair) -> Settings:
    return Settings(
        database_url=database_url,
        auth_public_key=auth_keys.public_pem,
        business_date=BUSINESS_DATE,
    )


async def close(
    client: httpx.AsyncClient, auth_keys: KeyPair, period: str, role: str = "accountant"
) -> httpx.Response:
    return await client.post(
        f"/v1/periods/{period}:close", headers=auth_keys.auth(role, subject="carol")
    )


def assert_period_closed(response: httpx.Response, field: str | None = None) -> None:
    body = assert_problem(response, 409, "period-closed", fields=[field] if field else [])
    assert {k: body[k] for k in ("period", "first_open_date", "detail")} == {
        **JAN_CLOSED,
        "detail": CLOSED_DETAIL,
    }


async def test_nothing_dated_in_a_closed_month_posts_whatever_its_kind(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any, ledger_db: Any
) -> None:
    accountant, cashier = auth_keys.auth("accountant"), auth_keys.auth("cashier")
    customer_id = await register_customer("EUR")
    voidable = await issue(client, auth_keys, customer_id, "200.00", issue_date="2026-01-06")
    await issue(
        client, auth_keys, customer_id, "300.00", issue_date="2026-01-05", due_date="2026-01-08"
    )
    # Oldest due first: the overdue 300.00 takes it all, and stays overdue for a late fee.
    payment = await pay(client, auth_keys, customer_id, "150.00", received_on="2026-01-10")
    with_credit = await register_customer("EUR")
    await pay(client, auth_keys, with_credit, "50.00", received_on="2026-01-11")
    write_off = await client.post(
        f"/v1/invoices/{voidable['id']}/write-offs",
        json={"reason": "Insolvent", "requested_on": "2026-01-20"},
        headers=auth_keys.auth("credit_manager", subject="alice"),
    )
    assert write_off.status_code == 201, write_off.text
    policy = await client.put(
        "/v1/late-fee-policies/EUR",
        json={"kind": "fixed", "amount": "10.00"},
        headers=auth_keys.auth("admin"),
    )
    assert policy.status_code == 200, policy.text

    closed = await close(client, auth_keys, "2026-01")

    assert closed.status_code == 200, closed.text
    assert {k: v for k, v in closed.json().items() if k != "closed_at"} == {
        "period": "2026-01",
        "status": "closed",
        "closed_by": "carol",
        "reopened_at": None,
        "reopened_by": None,
        "reopen_reason": None,
    }
    before = await ledger_db.counts(*TRACE_TABLES)
    on = "2026-01-25"
    line = {"description": "Goods", "quantity": "1", "unit_price": "5.00"}
    invoice = {"customer_id": customer_id, "issue_date": on, "lines": [line]}
    assert_period_closed(await client.post("/v1/invoices", json=invoice, headers=accountant))
    money = {"customer_id": customer_id, "amount": "5.00", "currency": "EUR", "received_on": on}
    assert_period_closed(
        await client.post("/v1/payments", json=money, headers=cashier), "received_on"
    )
    batch = await client.post(
        "/v1/payments:batch",
        json={"payments": [{**money, "idempotency_key": "jan-late"}]},
        headers=cashier,
    )
    assert batch.json()["results"][0]["problem"]["period"] == "2026-01"
    assert batch.json()["results"][0]["status"] == 409
    assert_period_closed(
        await client.post(
            f"/v1/invoices/{voidable['id']}/credit-notes",
            json={"amount": "5.00", "issue_date": on, "reason": "Damaged"},
            headers=accountant,
        )
    )
    assert_period_closed(
        await client.post(
            f"/v1/write-offs/{write_off.json()['id']}:approve",
            json={"approved_on": on},
            headers=auth_keys.auth("credit_manager", subject="bob"),
        )
    )
    refund = {"amount": "50.00", "currency": "EUR", "method": "bank_transfer", "requested_on": on}
    assert_period_closed(
        await client.post(f"/v1/customers/{with_credit}/refunds", json=refund, headers=accountant)
    )
    assert_period_closed(
        await client.post(
            f"/v1/payments/{payment['id']}:reverse",
            json={"reversed_on": on, "reason": "bounced"},
            headers=cashier,
        ),
        "reversed_on",
    )
    assert_period_closed(
        await client.post(
            f"/v1/invoices/{voidable['id']}:void",
            json={"voided_on": on, "reason": "Wrong customer"},
            headers=accountant,
        )
    )
    assert_period_closed(
        await client.post(
            "/v1/late-fee-runs", json={"as_of": "2026-01-31"}, headers=auth_keys.auth("service")
        )
    )
    assert await ledger_db.counts(*TRACE_TABLES) == before
    opened = await client.post(
        "/v1/invoices", json={**invoice, "issue_date": "2026-02-01"}, headers=accountant
    )
    assert opened.status_code == 201, opened.text


async def test_an_admin_reopens_a_month_for_a_reason_and_postings_resume(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any
) -> None:
    customer_id = await register_customer("EUR")
    await issue(client, auth_keys, customer_id, "10.00", issue_date="2026-04-02")
    assert (await close(client, auth_keys, "2026-04")).status_code == 200
    assert_problem(await close(client, auth_keys, "2026-04"), 409, "period-already-closed")
    listed = await client.get("/v1/periods", headers=auth_keys.auth("auditor"))
    april = next(p for p in listed.json()["items"] if p["period"] == "2026-04")
    assert (april["status"], april["closed_by"]) == ("closed", "carol")
    assert listed.json()["items"][-1]["period"] == "2026-06"
    reopen = "/v1/periods/2026-04:reopen"
    reason = {"reason": "Supplier credit booked late"}
    for_accountant = await client.post(reopen, json=reason, headers=auth_keys.auth("accountant"))
    assert_problem(for_accountant, 403, "forbidden")
    no_reason = await client.post(reopen, json={}, headers=auth_keys.auth("admin"))
    assert_problem(no_reason, 422, "validation-error", fields=["reason"])

    reopened = await client.post(
        reopen, json=reason, headers=auth_keys.auth("admin", subject="dan")
    )

    assert reopened.status_code == 200, reopened.text
    body = reopened.json()
    assert (body["status"], body["closed_by"], body["reopened_by"], body["reopen_reason"]) == (
        "open",
        "carol",
        "dan",
        "Supplier credit booked late",
    )
    await issue(client, auth_keys, customer_id, "20.00", issue_date="2026-04-20")
    assert_problem(
        await client.post(reopen, json=reason, headers=auth_keys.auth("admin")),
        409,
        "period-not-closed",
    )


async def test_a_month_closes_only_once_over_and_only_for_accountants_and_admins(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    assert_problem(await close(client, auth_keys, "2026-06"), 409, "period-not-over")
    assert_problem(await close(client, auth_keys, "2026-05", role="cashier"), 403, "forbidden")
    for bad in ("2026-13", "26-01", "0001-01"):
        assert_problem(
            await close(client, auth_keys, bad), 422, "validation-error", fields=["period"]
        )


async def test_a_month_with_a_bank_line_nobody_explained_does_not_close(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    books = Books(client, auth_keys)
    reference = f"E2E-{books.tag}"
    statement = await books.statement([Entry("40.00", booked="2026-03-02", end_to_end=reference)])

    def unexplained(outcome: str) -> list[dict[str, Any]]:
        return [
            {"name": "books_consistent", "ok": True, "failures": []},
            {
                "name": "bank_lines_explained",
                "ok": False,
                "failures": [
                    {
                        "statement_id": statement["id"],
                        "position": statement["lines"][0]["position"],
                        "booking_date": "2026-03-02",
                        "outcome": outcome,
                    }
                ],
            },
        ]

    refused = await close(client, auth_keys, "2026-03")
    body = assert_problem(refused, 409, "period-not-ready", fields=["period"])
    assert body["checks"] == unexplained("not_reconciled")
    # Reconciled, the line says why nothing matched it: explained, the month closes.
    reconciled = (await books.reconcile(statement)).json()["lines"][0]
    assert reconciled["outcome"] == "unmatched"
    assert reconciled["note"], reconciled
    assert (await close(client, auth_keys, "2026-03")).status_code == 200


async def test_runs_and_postings_after_the_business_date_are_refused_naming_the_field(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any, ledger_db: Any
) -> None:
    customer_id = await register_customer("EUR")
    before = await ledger_db.counts(*TRACE_TABLES)
    admin = auth_keys.auth("admin")
    for path in ("/v1/overdue-runs", "/v1/late-fee-runs"):
        future = await client.post(path, json={"as_of": "2026-07-01"}, headers=admin)
        body = assert_problem(future, 422, "date-in-future", fields=["as_of"])
        assert (body["business_date"], body["latest"]) == ("2026-06-30", "2026-06-30")
    line = {"description": "Goods", "quantity": "1", "unit_price": "5.00"}
    invoice = {"customer_id": customer_id, "issue_date": "2026-07-01", "lines": [line]}
    assert_problem(
        await client.post("/v1/invoices", json=invoice, headers=admin),
        422,
        "date-in-future",
        fields=["issue_date"],
    )
    money = {"customer_id": customer_id, "amount": "5.00", "currency": "EUR"}
    assert_problem(
        await client.post(
            "/v1/payments", json={**money, "received_on": "2030-01-01"}, headers=admin
        ),
        422,
        "date-in-future",
        fields=["received_on"],
    )
    batch = await client.post(
        "/v1/payments:batch",
        json={"payments": [{**money, "received_on": "2026-07-01", "idempotency_key": "k-fut"}]},
        headers=admin,
    )
    assert (batch.json()["refused"], batch.json()["results"][0]["status"]) == (1, 422)
    assert await ledger_db.counts(*TRACE_TABLES) == before
    on_the_day = await client.post("/v1/overdue-runs", json={"as_of": "2026-06-30"}, headers=admin)
    assert on_the_day.status_code == 200, on_the_day.text
