"""The credit report: every input with its source and date (ledger and collections facts
among them), limit history, ratios, the score breakdown and warnings; as JSON and as a PDF
that prints Chinese names."""

import io
from datetime import UTC, date, datetime

import httpx
import pytest
from pypdf import PdfReader

from ledgerflow_events.contracts.collections import DisputeOpened, DisputeResolved, PromiseBroken
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from .assessment_steps import assess, invoiced, record_inputs
from .credit_steps import new_id, set_limit

NAME = "上海明珠贸易有限公司"


async def chinese_customer(delivery: EventDelivery) -> str:
    customer = new_id()
    await delivery.deliver(
        CustomerRegistered(
            customer_id=customer,
            name=NAME,
            currency="EUR",
            payment_terms_days=30,
            registered_at=datetime(2026, 9, 1, tzinfo=UTC),
        )
    )
    return customer


def broken(customer: str, promise_id: str) -> PromiseBroken:
    return PromiseBroken(
        customer_id=customer,
        promise_id=promise_id,
        case_id="case-1",
        currency="EUR",
        amount="300.00",
        made_on=date(2026, 10, 1),
        promised_on=date(2026, 10, 15),
        invoice_ids=[],
        paid="0.00",
        broken_on=date(2026, 10, 16),
    )


def dispute(customer: str, dispute_id: str, on: date) -> DisputeOpened:
    return DisputeOpened(
        customer_id=customer,
        dispute_id=dispute_id,
        invoice_id="inv-1",
        currency="EUR",
        amount="50.00",
        opened_on=on,
    )


async def test_the_report_shows_every_input_with_its_source_and_date(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await chinese_customer(delivery)
    await set_limit(client, auth_keys, customer, "800.00")
    await invoiced(
        delivery,
        customer,
        "1000.00",
        issued=date(2026, 3, 1),
        due=date(2026, 3, 31),
        paid_on=date(2026, 4, 20),
    )
    await invoiced(delivery, customer, "500.00", issued=date(2026, 10, 1), due=date(2026, 10, 31))
    promise = broken(customer, new_id())
    await delivery.deliver(promise, event_id="promise-broken-" + customer)
    # Redelivered: kept once.
    assert (
        await delivery.deliver(promise, event_id="promise-broken-" + customer) is Outcome.DUPLICATE
    )
    # Told again under another event id: still the same promise, counted once.
    assert await delivery.deliver(promise) is Outcome.APPLIED
    await delivery.deliver(broken(customer, new_id()))
    first, second = new_id(), new_id()
    await delivery.deliver(dispute(customer, first, date(2026, 11, 1)))
    await delivery.deliver(dispute(customer, second, date(2026, 11, 2)))
    await delivery.deliver(
        DisputeResolved(
            customer_id=customer,
            dispute_id=first,
            invoice_id="inv-1",
            currency="EUR",
            amount="50.00",
            outcome="rejected",
            resolved_on=date(2026, 11, 10),
        )
    )
    statement_id, report_id = await record_inputs(client, auth_keys, customer)
    assessed = await assess(client, auth_keys, customer, "2026-11-16")

    response = await client.get(
        f"/v1/customers/{customer}/credit-report", headers=auth_keys.auth("collector")
    )

    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["customer_id"], report["name"]) == (customer, NAME)
    # Paid 20 days late (the only paid invoice), 16 days past due now, two promises broken,
    # one dispute still open.
    assert report["inputs"] == [
        {
            "input": "days_beyond_terms",
            "value": "20.00",
            "source": "ledger.events",
            "as_of": "2026-11-16",
        },
        {
            "input": "late_share",
            "value": "100.00",
            "source": "ledger.events",
            "as_of": "2026-11-16",
        },
        {
            "input": "longest_days_past_due",
            "value": "16.00",
            "source": "ledger.events",
            "as_of": "2026-11-16",
        },
        {
            "input": "returned_payments",
            "value": "0.00",
            "source": "ledger.events",
            "as_of": "2026-11-16",
        },
        {"input": "write_offs", "value": "0.00", "source": "ledger.events", "as_of": "2026-11-16"},
        {
            "input": "broken_promises",
            "value": "2.00",
            "source": "collections.events",
            "as_of": "2026-11-16",
        },
        {
            "input": "open_disputes",
            "value": "1.00",
            "source": "collections.events",
            "as_of": "2026-11-16",
        },
        {
            "input": "bureau_score",
            "value": "58.18",
            "source": f"bureau_report:{report_id}",
            "as_of": "2026-11-01",
        },
        {
            "input": "altman_z",
            "value": "3.43",
            "source": f"financial_statement:{statement_id}",
            "as_of": "2025-12-31",
        },
        {
            "input": "current_ratio",
            "value": "2.00",
            "source": f"financial_statement:{statement_id}",
            "as_of": "2025-12-31",
        },
        {
            "input": "quick_ratio",
            "value": "1.00",
            "source": f"financial_statement:{statement_id}",
            "as_of": "2025-12-31",
        },
        {
            "input": "debt_to_assets",
            "value": "0.60",
            "source": f"financial_statement:{statement_id}",
            "as_of": "2025-12-31",
        },
    ]
    assert report["latest_assessment"] == assessed
    assert report["latest_statement"]["id"] == statement_id
    assert [(x["amount"], x["status"]) for x in report["limit_history"]] == [("800.00", "active")]
    assert (report["profile"]["exposure"], report["profile"]["grade"]) == (
        "500.00",
        assessed["grade"],
    )
    assert report["warnings"] == []
    # Nothing personal travels on credit's events.
    assert all(NAME not in str(p) for _, p in await db.outbox(customer))


@pytest.mark.parametrize(
    ("query", "headers"), [("?format=pdf", {}), ("", {"Accept": "application/pdf"})]
)
async def test_the_pdf_prints_the_chinese_name(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    query: str,
    headers: dict[str, str],
) -> None:
    customer = await chinese_customer(delivery)
    await set_limit(client, auth_keys, customer, "800.00")

    response = await client.get(
        f"/v1/customers/{customer}/credit-report{query}",
        headers={**auth_keys.auth("auditor"), **headers},
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert f"Credit report: {NAME}" in text
    assert "800.00 EUR" in text


@pytest.mark.parametrize("role", ["cashier"])
async def test_cashiers_do_not_read_credit_reports(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, role: str
) -> None:
    customer = await chinese_customer(delivery)

    response = await client.get(
        f"/v1/customers/{customer}/credit-report", headers=auth_keys.auth(role)
    )
    missing = await client.get(
        "/v1/customers/nobody/credit-report", headers=auth_keys.auth("auditor")
    )

    assert_problem(response, 403, "forbidden")
    assert_problem(missing, 404, "customer-not-found")
