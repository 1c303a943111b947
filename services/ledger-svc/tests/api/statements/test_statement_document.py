"""The printed statement a Chinese customer can read: our letterhead, the customer's legal
name, address and tax id as customer-svc gives them to the reader, amounts with thousands
separators, the aging table on one page."""

import io
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest
from pypdf import PdfReader

from ledger_svc.domain.statements.party import CustomerFileUnavailable, StatementParty
from ledger_svc.resources import LedgerResources, ledger_resources
from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_platform.auth.tokens import issue_token
from ledgerflow_platform.testing import KeyPair, app_client, assert_problem

from .statement_steps import invoice

LEGAL_NAME = "北京远景科技有限公司"
PARTY = StatementParty(
    LEGAL_NAME, ("海淀区中关村大街27号", "100080 北京", "CN"), "91110108MA01ABCD2E"
)


def printed_pages(pdf: bytes) -> list[str]:
    """Each page's words as printed, whatever line breaks text extraction puts between cells."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@dataclass
class CustomerFilesSeen:
    """Stands in for customer-svc's files: what it was asked, with whose token."""

    reads: list[tuple[str, str]] = field(default_factory=list)
    refuse_with: int | None = None

    async def party_of(self, customer_id: str, *, reader_token: str) -> StatementParty:
        self.reads.append((customer_id, reader_token))
        if self.refuse_with is not None:
            raise CustomerFileUnavailable(customer_id, self.refuse_with)
        return PARTY


def with_files(
    files: CustomerFilesSeen,
) -> Callable[[Any, Any], AbstractAsyncContextManager[LedgerResources]]:
    @asynccontextmanager
    async def resources(settings: Settings, sessions: Any) -> AsyncIterator[LedgerResources]:
        async with ledger_resources(settings, sessions) as built:
            yield replace(built, customer_files=files)

    return resources


@pytest.fixture
def files() -> CustomerFilesSeen:
    return CustomerFilesSeen()


@pytest.fixture
async def printing(
    settings: Settings, files: CustomerFilesSeen
) -> AsyncIterator[httpx.AsyncClient]:
    company = settings.model_copy(
        update={
            "company_name": "上海华东贸易有限公司",
            "company_address": "浦东新区世纪大道88号; 200120 上海",
            "company_tax_id": "91310000MA1FL1234X",
        }
    )
    async with app_client(replace(SPEC, resources=with_files(files)), company) as c:
        yield c


async def test_the_statement_prints_the_chinese_legal_name_letterhead_and_grouped_amounts(
    printing: httpx.AsyncClient, auth_keys: KeyPair, register_customer, files: CustomerFilesSeen
) -> None:
    customer = await register_customer("CNY")
    await invoice(printing, auth_keys, customer, "2026-03-02", "2026-04-01", "1280000.00")
    token = issue_token(auth_keys.private_pem, ["accountant"], subject="li.na")

    response = await printing.get(
        f"/v1/customers/{customer}/statement",
        params={"from": "2026-03-01", "to": "2026-04-30", "format": "pdf"},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 200, response.text
    assert files.reads == [(customer, token)]
    pages = printed_pages(response.content)
    assert len(pages) == 1
    [text] = pages
    for printed in (
        "上海华东贸易有限公司",
        "浦东新区世纪大道88号",
        "200120 上海",
        "Tax ID: 91310000MA1FL1234X",
        f"Customer {LEGAL_NAME}",
        "海淀区中关村大街27号",
        "100080 北京",
        "91110108MA01ABCD2E",
        f"Customer ID {customer}",
        "Currency CNY",
        "Opening balance at 2026-02-28 0.00",
        "1,280,000.00",
        "1-30 days past due 1,280,000.00",
        "Balance 1,280,000.00",
    ):
        assert printed in text, (printed, text)
    assert "?" not in text
    assert "1280000.00" not in text


async def test_a_reader_customer_svc_refuses_gets_no_statement(
    printing: httpx.AsyncClient, auth_keys: KeyPair, register_customer, files: CustomerFilesSeen
) -> None:
    customer = await register_customer("CNY")
    files.refuse_with = 403

    response = await printing.get(
        f"/v1/customers/{customer}/statement",
        params={"from": "2026-03-01", "to": "2026-04-30", "format": "pdf"},
        headers=auth_keys.auth("auditor"),
    )

    body = assert_problem(response, 502, "customer-file-unavailable")
    assert str(customer) in body["detail"]


async def test_json_and_csv_statements_do_not_read_the_customer_file(
    printing: httpx.AsyncClient, auth_keys: KeyPair, register_customer, files: CustomerFilesSeen
) -> None:
    customer = await register_customer("CNY")
    for fmt in ("json", "csv"):
        response = await printing.get(
            f"/v1/customers/{customer}/statement",
            params={"from": "2026-03-01", "to": "2026-04-30", "format": fmt},
            headers=auth_keys.auth("accountant"),
        )
        assert response.status_code == 200, response.text
    assert files.reads == []
