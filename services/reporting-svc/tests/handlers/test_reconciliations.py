"""Bank reconciliations delivered through the real inbox, read back from the report."""

from datetime import date
from typing import Any

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.ledger import (
    RECONCILIATION_STREAM,
    LedgerMovement,
    ReconciliationCounts,
    StatementDiscrepancy,
    StatementReconciled,
)
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair, service_db

COUNTS = ReconciliationCounts(
    matched=41,
    proposed=1,
    created=2,
    duplicates=1,
    amount_mismatches=1,
    unmatched=1,
    not_applicable=5,
)


def new_id() -> str:
    return str(uuid7())


def reconciled(period_to: date, customer: str) -> StatementReconciled:
    def line(outcome: str, currency: str, amount: str, **more: Any) -> StatementDiscrepancy:
        return StatementDiscrepancy(
            line_id=new_id(), outcome=outcome, currency=currency, amount=amount, **more
        )

    return StatementReconciled(
        customer_id=RECONCILIATION_STREAM,
        reconciliation_id=new_id(),
        statement_id=new_id(),
        period_from=period_to.replace(day=1),
        period_to=period_to,
        counts=COUNTS,
        discrepancies=[
            line("proposed", "EUR", "1200.00", customer_id=customer, invoice_id=new_id()),
            line("unmatched", "EUR", "35.10"),
            line(
                "duplicate",
                "EUR",
                "99.99",
                recorded=LedgerMovement(kind="payment", id=new_id(), amount="99.99"),
                customer_id=customer,
            ),
            line(
                "amount_mismatch",
                "JPY",
                "15000",
                recorded=LedgerMovement(kind="payment", id=new_id(), amount="14000"),
            ),
        ],
        created_payment_ids=[new_id(), new_id()],
    )


async def report(client: httpx.AsyncClient, keys: KeyPair, **params: str) -> httpx.Response:
    return await client.get(
        "/v1/reports/reconciliations", params=params, headers=keys.auth("accountant")
    )


async def test_a_reconciliation_is_summarised_per_currency_and_a_redelivery_changes_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, database_url: str
) -> None:
    customer, event_id = new_id(), new_id()
    run = reconciled(date(2026, 10, 31), customer)

    assert await delivery.deliver(run, event_id=event_id) is Outcome.APPLIED
    assert await delivery.deliver(run, event_id=event_id) is Outcome.DUPLICATE

    response = await report(client, auth_keys, **{"from": "2026-10-01", "to": "2026-10-31"})
    assert response.status_code == 200, response.text
    assert response.json() == {
        "items": [
            {
                "reconciliation_id": run.reconciliation_id,
                "statement_id": run.statement_id,
                "statement_date": "2026-10-31",
                "period_from": "2026-10-01",
                "period_to": "2026-10-31",
                "counts": COUNTS.model_dump(),
                "created_payments": 2,
                "discrepancies": [
                    {"currency": "EUR", "lines": 3, "amount": "1335.09"},
                    {"currency": "JPY", "lines": 1, "amount": "15000"},
                ],
            }
        ],
        "next_cursor": None,
    }
    async with service_db(database_url) as db:
        # The stream id is not a customer: nothing is recorded under it.
        stream_as_customer = "SELECT id FROM customers WHERE id = :s"
        assert await db.rows(stream_as_customer, s=RECONCILIATION_STREAM) == []
        assert await db.rows(
            "SELECT count(*) FROM reconciliation_discrepancies WHERE reconciliation_id = :r",
            r=run.reconciliation_id,
        ) == [(4,)]


async def test_the_report_pages_through_the_period_only(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    first, second = reconciled(date(2026, 8, 31), new_id()), reconciled(date(2026, 8, 15), new_id())
    outside = reconciled(date(2026, 9, 1), new_id())
    for run in (first, second, outside):
        await delivery.deliver(run)
    period = {"from": "2026-08-01", "to": "2026-08-31"}

    page = (await report(client, auth_keys, **period, limit="1")).json()
    rest = (await report(client, auth_keys, **period, limit="1", cursor=page["next_cursor"])).json()

    seen = [page["items"][0]["reconciliation_id"], rest["items"][0]["reconciliation_id"]]
    assert seen == [first.reconciliation_id, second.reconciliation_id]
    last = await report(client, auth_keys, **period, limit="1", cursor=rest["next_cursor"])
    assert last.json() == {"items": [], "next_cursor": None}


async def test_a_period_ending_before_it_starts_is_refused_naming_the_field(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await report(client, auth_keys, **{"from": "2026-10-31", "to": "2026-10-01"})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["to"]


async def test_the_report_needs_a_reader_role(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    unauthenticated = await client.get("/v1/reports/reconciliations")
    cashier = await client.get("/v1/reports/reconciliations", headers=auth_keys.auth("cashier"))

    assert (unauthenticated.status_code, cashier.status_code) == (401, 403)
