"""A Chinese customer's statement, printed by the ledger with what customer-svc discloses to
the reader: the ledger reads the customer file with the reader's own token, so customer-svc
shows an accountant the tax id and logs that disclosure under the accountant's name, and
shows an auditor only its mask."""

import io
from datetime import date

import httpx
import pytest
from pypdf import PdfReader
from stdnum.cn import uscc

from .conftest import Api
from .flow import issue_invoice

pytestmark = pytest.mark.e2e

NAME = "北京远景科技有限公司"
TAX_ID = "91110108MA01ABCD2" + uscc.calc_check_digit("91110108MA01ABCD2")


def printed(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


async def test_the_statement_prints_what_customer_svc_discloses_to_its_reader(api: Api) -> None:
    registered = await api.post(
        "customer",
        "/v1/customers",
        {
            "name": NAME,
            "currency": "CNY",
            "payment_terms_days": 30,
            "country": "CN",
            "tax_id": TAX_ID,
            "billing_address": {
                "lines": ["海淀区中关村大街27号"],
                "city": "北京",
                "postal_code": "100080",
                "country": "CN",
            },
        },
        role="accountant",
    )
    assert registered.status_code == 201, registered.text
    customer = registered.json()["id"]
    await issue_invoice(api, customer, date(2026, 11, 2), "1280000.00")
    statement = f"{api.platform.url('ledger')}/v1/customers/{customer}/statement"
    period = {"from": "2026-11-01", "to": "2026-11-30", "format": "pdf"}

    async def read_as(role: str, subject: str) -> httpx.Response:
        token = api.platform.token(role, subject=subject)
        return await api.client.get(
            statement, params=period, headers={"Authorization": f"Bearer {token}"}
        )

    accountant = await read_as("accountant", "li.na")
    auditor = await read_as("auditor", "wang.fang")
    log = await api.get("customer", "/v1/access-log", role="auditor", customer_id=customer)

    assert accountant.status_code == 200, accountant.text
    [clear] = printed(accountant.content)
    for words in (NAME, "海淀区中关村大街27号", "100080 北京", TAX_ID, "1,280,000.00"):
        assert words in clear, (words, clear)
    assert auditor.status_code == 200, auditor.text
    [masked] = printed(auditor.content)
    assert NAME in masked
    assert TAX_ID not in masked
    assert log.status_code == 200, log.text
    readers = {(e["subject"], e["purpose"]) for e in log.json()["items"]}
    assert ("li.na", "GET /v1/customers/{customer_id}") in readers, readers
    assert "wang.fang" not in {subject for subject, _ in readers}
