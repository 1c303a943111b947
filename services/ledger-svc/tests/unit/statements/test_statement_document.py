"""The printed statement's layout: however many movements push it down, the aging table is
never split across pages; and the addressee as customer-svc's file gives it."""

import io
import json
from datetime import date, timedelta

import httpx
import pytest
from pypdf import PdfReader

from ledger_svc.adapters.statements.customer_files import CustomerServiceFiles, address_lines
from ledger_svc.api.statements.document import statement_pdf
from ledger_svc.domain.statements.party import CustomerFileUnavailable, StatementParty
from ledger_svc.domain.statements.statement import Movement, Statement, age, with_running_balance
from ledgerflow_platform.documents.letterhead import Letterhead
from ledgerflow_platform.service_client import ServiceClient

AGING_ROWS = (
    "Aging at 2026-06-30",
    "Current",
    "1-30 days past due",
    "31-60 days past due",
    "61-90 days past due",
    "Over 90 days past due",
    "Credit held for the customer",
)


def statement_with(movements: int) -> Statement:
    moved = [
        Movement(
            f"e{n}",
            date(2026, 6, 1) + timedelta(days=n % 29),
            "invoice",
            f"s{n}",
            f"货款 goods {n}",
            None,
            (f"INV-{n:05d}",),
            False,
            128_000_000,
            0,
        )
        for n in range(movements)
    ]
    return Statement(
        "c1",
        "CNY",
        date(2026, 6, 1),
        date(2026, 6, 30),
        0,
        with_running_balance(0, moved),
        age([], 0, as_of=date(2026, 6, 30)),
    )


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_aging_table_is_never_split_across_pages() -> None:
    # The first page holds the aging table under up to 27 movements: these counts move it
    # across the whole page break, so some of them would split it were it not kept together.
    page_counts = set()
    for movements in range(20, 40, 2):
        pages = pages_of(_pdf(movements))
        page_counts.add(len(pages))
        holding = [n for n, text in enumerate(pages) if "Aging at" in text]
        assert len(holding) == 1, (movements, pages)
        aging_page = pages[holding[0]]
        assert all(row in aging_page for row in AGING_ROWS), (movements, aging_page)
        assert "Credit held" not in "".join(p for n, p in enumerate(pages) if n != holding[0])
        assert f"INV-{movements - 1:05d}" in "".join(pages[: holding[0] + 1])
    assert page_counts == {1, 2}


def _pdf(movements: int) -> bytes:
    return statement_pdf(
        statement_with(movements), StatementParty("北京远景科技有限公司"), Letterhead("Ledgerflow")
    )


def test_a_long_statement_prints_every_movement_with_grouped_amounts() -> None:
    pages = pages_of(_pdf(60))
    text = " ".join(pages)
    assert len(pages) == 2
    assert all(f"INV-{n:05d}" in text for n in range(60))
    assert "1,280,000.00" in text
    assert "76,800,000.00" in text  # the closing balance: 60 x 1,280,000.00


def test_without_customer_svc_the_statement_names_the_customer_by_id() -> None:
    pdf = statement_pdf(statement_with(1), None, Letterhead("Ledgerflow"))
    [text] = pages_of(pdf)
    assert "Customer ID c1" in text
    assert "Address" not in text


def test_an_address_reads_street_then_postcode_and_city_then_country() -> None:
    address = {
        "lines": ["海淀区中关村大街27号", "5层"],
        "city": "北京",
        "postal_code": "100080",
        "country": "CN",
    }
    assert address_lines(address) == ("海淀区中关村大街27号", "5层", "100080 北京", "CN")
    assert address_lines(
        {"lines": ["1 Main St"], "city": "Dublin", "postal_code": None, "country": "IE"}
    ) == (
        "1 Main St",
        "Dublin",
        "IE",
    )
    assert address_lines(None) == ()


def customer_svc(status: int, body: dict[str, object], seen: list[httpx.Request]) -> ServiceClient:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            status, content=json.dumps(body), headers={"content-type": "application/json"}
        )

    return ServiceClient("customer", "http://customer", None, transport=httpx.MockTransport(answer))


async def test_the_file_is_read_with_the_readers_own_token() -> None:
    seen: list[httpx.Request] = []
    body = {
        "name": "北京远景科技有限公司",
        "tax_id": "9111********CD2E",
        "billing_address": {
            "lines": ["中关村大街27号"],
            "city": "北京",
            "postal_code": "100080",
            "country": "CN",
        },
    }
    files = CustomerServiceFiles(customer_svc(200, body, seen))

    party = await files.party_of("c1", reader_token="reader-token")

    assert party == StatementParty(
        "北京远景科技有限公司", ("中关村大街27号", "100080 北京", "CN"), "9111********CD2E"
    )
    [request] = seen
    assert (request.url.path, request.headers["authorization"]) == (
        "/v1/customers/c1",
        "Bearer reader-token",
    )


@pytest.mark.parametrize("status", [403, 404])
async def test_a_refused_read_names_the_customer_and_the_answer(status: int) -> None:
    files = CustomerServiceFiles(customer_svc(status, {"title": "no"}, []))
    with pytest.raises(CustomerFileUnavailable) as refused:
        await files.party_of("c1", reader_token="t")
    assert (refused.value.customer_id, refused.value.status) == ("c1", status)
