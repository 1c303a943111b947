"""POST /v1/report-packs as a PDF: the workbook's reports printed, figures exact to the cent,
Chinese customer names printed as written, a chart per report, the same reconciliation."""

import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from pypdf import PdfReader
from uuid6 import uuid7

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.testing import KeyPair

from .test_report_packs import pack_service

NAME = "华东建材有限公司"


@pytest.fixture
async def packs(settings: ServiceSettings) -> AsyncIterator[httpx.AsyncClient]:
    registered = CustomerRegistered(
        customer_id=str(uuid7()), name=NAME, currency="EUR", payment_terms_days=30,
        registered_at=datetime(2026, 9, 1, tzinfo=UTC))  # fmt: skip
    async with pack_service(settings, registered) as client:
        yield client


def pages(response: httpx.Response) -> list[str]:
    assert response.status_code == 201, response.text
    assert response.headers["content-type"] == "application/pdf"
    return [p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages]


async def test_a_pdf_pack_prints_every_report_with_its_chart_and_chinese_names(
    packs: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    headers = auth_keys.auth("accountant")
    response = await packs.post("/v1/report-packs", params={"format": "pdf"},
                                json={"period": "2026-10"}, headers=headers)  # fmt: skip
    assert response.headers["ledgerflow-reconciled"] == "true"
    assert response.headers["content-disposition"] == (
        'attachment; filename="report-pack-2026-10.pdf"'
    )
    printed = pages(response)
    lines = [line.strip() for page in printed for line in page.splitlines()]

    def shows(*run: str) -> bool:
        return any(lines[n : n + len(run)] == list(run) for n in range(len(lines)))

    # 600.00 open on 31 October, 21 days past due: the aging table and its chart.
    assert shows("EUR", "0.00", "600.00", "0.00", "0.00", "0.00", "0.00", "600.00")
    assert shows("Receivables by aging bucket (EUR)", "current", "1-30", "31-60", "61-90",
                 "over 90")  # fmt: skip
    # DSO 600 / 1000 x 92 days (Aug to Oct), CEI (1000 + 0 - 600) / (1000 - 0); September's
    # DSO 1000 / 1000 x 92, with no CEI (nothing was owed at August's end, nothing current).
    assert shows("2026-09-30", "92.00", "-", "2026-10-31", "55.20", "40.00")
    assert "DSO (days) and CEI (%) by month" in lines
    assert shows("DSO EUR", "CEI EUR")
    # The customer's name as registered, in the table and as the chart's category.
    assert shows(NAME)
    assert shows("EUR", "600.00", "600.00", "-", "no")
    assert shows("Top overdue customers (EUR)", NAME)
    assert shows("EUR", "600.00", "600.00", "0.00", "yes")

    by_accept = await packs.post("/v1/report-packs", json={"period": "2026-10"},
                                 headers={**headers, "Accept": "application/pdf"})  # fmt: skip
    assert pages(by_accept) == printed
    workbook = await packs.post("/v1/report-packs", params={"format": "xlsx"},
                                json={"period": "2026-10"}, headers=headers)  # fmt: skip
    assert workbook.headers["content-type"].startswith("application/vnd.openxmlformats")
