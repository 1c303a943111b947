"""The finance customer table, across the two services that own its halves: customer-svc's
real app files the customer, its contact and contract (and emits the events reporting
projects); the ledger's invoices carry the contract id; reporting reads customer-svc's export
with the caller's own token and adds invoiced, paid, unpaid and open per contract, checked
against an oracle written here from the definitions."""

import csv
import dataclasses
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from openpyxl import load_workbook
from uuid6 import uuid7

from customer_svc.service import SPEC as CUSTOMER
from customer_svc.settings import Settings as CustomerSettings
from ledgerflow_events.contracts import EVENT_TYPES
from ledgerflow_events.contracts.ledger import (
    CreditNoteIssued,
    InvoiceIssued,
    InvoiceVoided,
    PaymentAllocation,
    PaymentReceived,
)
from ledgerflow_platform.app import build_app
from ledgerflow_platform.service_client import ServiceClient
from ledgerflow_platform.spec import Sessions
from ledgerflow_platform.testing import (
    EventDelivery,
    KeyPair,
    app_client,
    event_delivery,
    migrate,
    service_db,
)
from reporting_svc.background import ReportingResources
from reporting_svc.service import SPEC as REPORTING
from reporting_svc.settings import Settings as ReportingSettings

CONTRACT_TOTAL = Decimal("10000.00")
CENT = Decimal("0.01")


@pytest.fixture(scope="module")
async def customer_svc(pg_server: Any, auth_keys: KeyPair) -> AsyncIterator[dict[str, Any]]:
    url = pg_server.create_database("customer")
    await migrate(CUSTOMER, url)
    app = build_app(
        CUSTOMER, CustomerSettings(database_url=url, auth_public_key=auth_keys.public_pem)
    )
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://customer") as c:
            yield {"client": c, "transport": transport, "url": url}


@pytest.fixture(scope="module")
async def reporting(
    pg_server: Any, auth_keys: KeyPair, customer_svc: dict[str, Any]
) -> AsyncIterator[tuple[httpx.AsyncClient, EventDelivery]]:
    url = pg_server.create_database("reporting")
    await migrate(REPORTING, url)
    settings = ReportingSettings(database_url=url, auth_public_key=auth_keys.public_pem)

    @asynccontextmanager
    async def resources(_: Any, sessions: Sessions) -> AsyncIterator[ReportingResources]:
        client = ServiceClient("customer", "http://customer", None,
                               transport=customer_svc["transport"])  # fmt: skip
        yield ReportingResources(sessions, 60.0, customers=client)
        await client.aclose()

    spec = dataclasses.replace(REPORTING, resources=resources)
    async with app_client(spec, settings) as client, event_delivery(spec, settings) as delivery:
        yield client, delivery


async def file_customer(customer: httpx.AsyncClient, keys: KeyPair, number: str) -> dict[str, str]:
    admin = keys.auth("admin")
    body = {"name": "华南贸易有限公司", "currency": "EUR", "payment_terms_days": 30,
            "segments": [number]}  # fmt: skip
    filed = (await customer.post("/v1/customers", json=body, headers=admin)).json()
    contact = {"name": "Li Na", "phone": "+49 30 901820", "email": "li.na@example.com"}
    added = await customer.post(f"/v1/customers/{filed['id']}/contacts", json=contact,
                                headers=admin)  # fmt: skip
    assert added.status_code == 201, added.text
    contract = {"number": number, "project": "仓库扩建", "signed_on": "2026-01-05",
                "total": str(CONTRACT_TOTAL), "payment_cycle": "monthly", "notes": "=cmd|x",
                "status": "active"}  # fmt: skip
    made = await customer.post(f"/v1/customers/{filed['id']}/contracts", json=contract,
                               headers=admin)  # fmt: skip
    assert made.status_code == 201, made.text
    return {"customer_id": filed["id"], "contract_id": made.json()["id"]}


def invoice(c: str, i: str, total: str, on: date, contract: str | None) -> InvoiceIssued:
    return InvoiceIssued(customer_id=c, invoice_id=i, number=f"INV-{i}", currency="EUR",
                         total=total, issue_date=on, due_date=on, contract_id=contract)  # fmt: skip


def payment(c: str, p: str, on: date, parts: dict[str, tuple[str, str]]) -> PaymentReceived:
    paid = sum(Decimal(a) for a, _ in parts.values())
    return PaymentReceived(
        customer_id=c, payment_id=p, currency="EUR", amount=str(paid), received_on=on,
        allocations=[PaymentAllocation(invoice_id=i, amount=a, open_amount_after="0.00",
                                       discount=d) for i, (a, d) in parts.items()],
        unapplied_amount="0.00",
    )  # fmt: skip


def oracle(facts: list[Any], contract: str, as_of: date) -> dict[str, Decimal]:
    """Plain sums from the definitions, fact by fact."""
    issued = {f.invoice_id: f for f in facts if isinstance(f, InvoiceIssued)
              and f.contract_id == contract and f.issue_date <= as_of}  # fmt: skip
    for f in facts:
        if isinstance(f, InvoiceVoided) and f.voided_on <= as_of:
            issued.pop(f.invoice_id, None)
    owed = {i: Decimal(f.total) for i, f in issued.items()}
    paid = Decimal(0)
    for f in facts:
        if isinstance(f, PaymentReceived) and f.received_on <= as_of:
            for a in f.allocations:
                if a.invoice_id in owed:
                    settled = Decimal(a.amount) + Decimal(a.discount or "0")
                    paid += settled
                    owed[a.invoice_id] -= settled
        if isinstance(f, CreditNoteIssued) and f.issue_date <= as_of and f.invoice_id in owed:
            owed[f.invoice_id] -= Decimal(f.amount)
    return {"invoiced": sum((Decimal(f.total) for f in issued.values()), Decimal(0)),
            "paid": paid, "unpaid": CONTRACT_TOTAL - paid,
            "open": sum((max(Decimal(0), o) for o in owed.values()), Decimal(0))}  # fmt: skip


async def test_paid_and_unpaid_per_contract_beside_the_people_customer_svc_shows(
    customer_svc: dict[str, Any], reporting: tuple[httpx.AsyncClient, EventDelivery],
    auth_keys: KeyPair,
) -> None:  # fmt: skip
    client, delivery = reporting
    number = f"HT-{uuid7().hex[-10:]}"
    ids = await file_customer(customer_svc["client"], auth_keys, number)
    c, k = ids["customer_id"], ids["contract_id"]
    async with service_db(customer_svc["url"]) as customer_db:
        announced = await customer_db.outbox(c)
    for event_type, payload in announced:
        await delivery.deliver(EVENT_TYPES[event_type].model_validate(payload))
    facts: list[Any] = [
        invoice(c, f"{c}/1", "3000.00", date(2026, 1, 10), k),
        invoice(c, f"{c}/2", "4000.00", date(2026, 2, 10), k),
        invoice(c, f"{c}/3", "500.00", date(2026, 2, 11), None),
        invoice(c, f"{c}/4", "1000.00", date(2026, 3, 1), k),
        InvoiceVoided(customer_id=c, invoice_id=f"{c}/4", number="INV-4", currency="EUR",
                      total="1000.00", voided_on=date(2026, 3, 5)),
        payment(c, f"{c}/p1", date(2026, 2, 1), {f"{c}/1": ("2000.00", "0.00")}),
        CreditNoteIssued(customer_id=c, credit_note_id=f"{c}/n", number="CN-1", currency="EUR",
                         amount="200.00", tax="0.00", issue_date=date(2026, 3, 1),
                         invoice_id=f"{c}/2", invoice_open_amount_after="3800.00"),
        payment(c, f"{c}/p2", date(2026, 3, 15), {f"{c}/1": ("1000.00", "0.00"),
                                                  f"{c}/2": ("1500.00", "40.00"),
                                                  f"{c}/3": ("500.00", "0.00")}),
    ]  # fmt: skip
    for fact in facts:
        await delivery.deliver(fact)

    headers = auth_keys.auth("accountant", subject="anna-accountant")
    for as_of in (date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)):
        params = {"as_of": as_of.isoformat()}
        response = await client.get("/v1/reports/customer-table", params=params, headers=headers)
        assert response.status_code == 200, response.text
        [row] = [r for r in response.json()["rows"] if r["contract_number"] == number]
        expected = {n: str(v.quantize(CENT)) for n, v in oracle(facts, k, as_of).items()}
        assert row == {
            "customer": "华南贸易有限公司", "customer_code": row["customer_code"],
            "contact": "Li Na", "phone": "+4930901820", "email": "li.na@example.com",
            "project": "仓库扩建", "contract_number": number, "contract_date": "2026-01-05",
            "currency": "EUR", "contract_total": "10000.00", **expected,
            "payment_cycle": "monthly", "notes": "=cmd|x",
        }, as_of  # fmt: skip
    # At 31 March by hand: invoiced 7000 (the fourth voided); paid 2000 + 1000 + 1540.
    assert expected == {"invoiced": "7000.00", "paid": "4540.00", "unpaid": "5460.00",
                        "open": "2260.00"}  # fmt: skip

    async with service_db(customer_svc["url"]) as customer_db:
        readers = await customer_db.rows(
            "SELECT subject FROM personal_data_access_log WHERE customer_id = :c", c=c
        )
    assert {r[0] for r in readers} == {"anna-accountant"}

    exported = await client.get("/v1/reports/customer-table", headers=headers,
                                params={"as_of": "2026-03-31", "format": "csv"})  # fmt: skip
    lines = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    [line] = [x for x in lines if x["contract_number"] == number]
    assert (line["notes"], line["phone"], line["paid"]) == ("'=cmd|x", "'+4930901820", "4540.00")

    book = await client.get("/v1/reports/customer-table", params={"as_of": "2026-03-31"},
                            headers={**headers, "Accept": ReportingXlsx})  # fmt: skip
    sheet = load_workbook(io.BytesIO(book.content)).worksheets[0]
    header = [c.value for c in next(sheet.iter_rows(min_row=2, max_row=2))]
    cells = next(dict(zip(header, (c for c in r), strict=True)) for r in sheet.iter_rows(min_row=3)
                 if r[header.index("contract_number")].value == number)  # fmt: skip
    assert cells["paid"].data_type == "n"
    assert Decimal(str(cells["paid"].value)) == Decimal("4540")
    assert cells["contract_date"].is_date
    assert cells["notes"].value == "'=cmd|x"

    refused = await client.get("/v1/reports/customer-table", params={"as_of": "2026-03-31"},
                               headers=auth_keys.auth("auditor"))  # fmt: skip
    assert refused.status_code == 403, refused.text


ReportingXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
