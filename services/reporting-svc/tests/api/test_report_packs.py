"""POST /v1/report-packs: one sheet per report with native charts, and the reconciliation of
the pack's receivables to the ledger's journal read with the caller's token (the ledger's
answers stand in here as its REST API gives them)."""

import dataclasses
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from uuid6 import uuid7

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_platform.service_client import ServiceClient
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import Sessions
from ledgerflow_platform.testing import KeyPair, app_client, assert_problem, event_delivery
from reporting_svc.background import ReportingResources
from reporting_svc.service import SPEC

from .test_aging_report import issued, paid

BOOKED = {"balance": "600.00"}
SEEN_TOKENS: list[str] = []


def journal(request: httpx.Request) -> httpx.Response:
    SEEN_TOKENS.append(request.headers["authorization"])
    assert request.url.params["account"] == "receivable"
    assert request.url.params["to"] == "2026-10-31"
    page = request.url.params.get("cursor")
    line = {"account": "receivable", "customer_id": "c", "invoice_id": "i", "currency": "EUR"}
    if page is None:
        items = [{"lines": [{**line, "debit": "1000.00", "credit": "0.00"},
                            {**line, "account": "revenue", "debit": "0.00",
                             "credit": "1000.00"}]}]  # fmt: skip
        return httpx.Response(200, json={"items": items, "next_cursor": "2"})
    credit = str(Decimal("1000.00") - Decimal(BOOKED["balance"]))
    items = [{"lines": [{**line, "debit": "0.00", "credit": credit}]}]
    return httpx.Response(200, json={"items": items, "next_cursor": None})


@asynccontextmanager
async def pack_service(
    settings: ServiceSettings, registered: CustomerRegistered | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """reporting-svc reading the stand-in ledger's journal, with one customer's invoice of
    1,000.00 (due 10 October) paid 400.00 on 5 October; the customer `registered`, if given."""

    @asynccontextmanager
    async def resources(_: Any, sessions: Sessions) -> AsyncIterator[ReportingResources]:
        ledger = ServiceClient("ledger", "http://ledger", None,
                               transport=httpx.MockTransport(journal))  # fmt: skip
        yield ReportingResources(sessions, 60.0, None, ledger)
        await ledger.aclose()

    spec = dataclasses.replace(SPEC, resources=resources)
    async with event_delivery(spec, settings) as delivery:
        c = str(uuid7())
        if registered is not None:
            await delivery.deliver(registered)
            c = registered.customer_id
        await delivery.deliver(issued(c, f"{c}/1", "1000.00", on=date(2026, 9, 10),
                                      due=date(2026, 10, 10)))  # fmt: skip
        await delivery.deliver(paid(c, str(uuid7()), date(2026, 10, 5), {f"{c}/1": "400.00"}))
    async with app_client(spec, settings) as client:
        yield client


@pytest.fixture
async def packs(settings: ServiceSettings) -> AsyncIterator[httpx.AsyncClient]:
    async with pack_service(settings) as client:
        yield client


async def test_a_pack_has_a_sheet_and_a_chart_per_report_and_reconciles_to_the_ledger(
    packs: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    headers = auth_keys.auth("accountant")
    response = await packs.post("/v1/report-packs", json={"period": "2026-10"}, headers=headers)
    assert response.status_code == 201, response.text
    assert response.headers["ledgerflow-reconciled"] == "true"
    assert SEEN_TOKENS[-1] == headers["Authorization"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Aging", "DSO and CEI", "Top overdue", "Reconciliation"]
    aging = [[c.value for c in row] for row in book["Aging"].iter_rows(min_row=2)]
    # 600.00 open on 31 October, 21 days past due.
    assert aging == [["currency", "current", "1-30", "31-60", "61-90", "over 90", "disputed",
                      "total"], ["EUR", 0, 600, 0, 0, 0, 0, 600]]  # fmt: skip
    recon = [[c.value for c in row] for row in book["Reconciliation"].iter_rows()]
    assert recon == [["currency", "ledger_receivable_balance", "pack_total", "difference",
                      "equal"], ["EUR", 600, 600, 0, True]]  # fmt: skip
    top = [[c.value for c in row] for row in book["Top overdue"].iter_rows(min_row=2)]
    assert [(r[1], r[2], r[3]) for r in top] == [("EUR", 600, 600)]
    trend = list(book["DSO and CEI"].iter_rows(min_row=2, values_only=True))
    assert len(trend) == 12
    # October's point: DSO 600 / 1000 x 92 days (Aug to Oct); CEI (1000 + 0 - 600) / (1000 - 0).
    assert trend[-1][1:] == (55.2, 40)
    for name in ("Aging", "DSO and CEI", "Top overdue"):
        assert len(book[name]._charts) == 1, name

    BOOKED["balance"] = "700.00"
    differs = await packs.post("/v1/report-packs", json={"period": "2026-10"}, headers=headers)
    assert differs.headers["ledgerflow-reconciled"] == "false"
    BOOKED["balance"] = "600.00"


async def test_bad_periods_and_roles_are_refused(
    packs: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    for period in ("2026-13", "2026-Q5", "1899-01", "October"):
        response = await packs.post("/v1/report-packs", json={"period": period},
                                    headers=auth_keys.auth("accountant"))  # fmt: skip
        assert_problem(response, 422, "invalid-pack-period", fields=["period"])
    refused = await packs.post("/v1/report-packs", json={"period": "2026-10"},
                               headers=auth_keys.auth("collector"))  # fmt: skip
    assert refused.status_code == 403
