import csv
import io
from datetime import datetime
from decimal import Decimal
from typing import Any

import httpx
import openpyxl
import pytest

from ledgerflow_platform.testing import KeyPair

from .conftest import new_uscc

EXPORTED = [
    "customer",
    "customer_code",
    "country",
    "tax_id",
    "currency",
    "payment_terms_days",
    "contact",
    "phone",
    "email",
    "project",
    "contract_number",
    "contract_date",
    "contract_total",
    "contract_currency",
    "contract_payment_terms_days",
    "payment_cycle",
    "notes",
]


@pytest.fixture(scope="module")
async def hostile(client: httpx.AsyncClient, auth_keys: KeyPair) -> dict[str, Any]:
    """A customer whose every text starts like a formula, filed one record at a time."""
    admin = auth_keys.auth("admin")
    tax_id = new_uscc()
    body = {
        "name": '=HYPERLINK("http://x","click")',
        "currency": "EUR",
        "payment_terms_days": 30,
        "allow_duplicate_name": True,
    }
    body |= {"code": "HOSTILE-1", "country": "CN", "tax_id": tax_id, "segments": ["hostile"]}
    customer = (await client.post("/v1/customers", json=body, headers=admin)).json()
    contact = {"name": "@SUM(1+1)", "phone": "+49 30 123456", "email": "eve@hostile.example"}
    added = await client.post(
        f"/v1/customers/{customer['id']}/contacts", json=contact, headers=admin
    )
    assert added.status_code == 201, added.text
    contract = {"number": "HOSTILE-C1", "project": "-2+3", "signed_on": "2025-11-02"}
    contract |= {
        "total": "1234.50",
        "payment_cycle": "+monthly",
        "notes": "=1+1",
        "status": "active",
    }
    filed = await client.post(
        f"/v1/customers/{customer['id']}/contracts", json=contract, headers=admin
    )
    assert filed.status_code == 201, filed.text
    return {"id": customer["id"], "tax_id": tax_id}


async def _export(
    client: httpx.AsyncClient, auth_keys: KeyPair, role: str = "accountant", **params: str
) -> httpx.Response:
    headers = auth_keys.auth(role, subject=f"{role}-exporting")
    response = await client.get("/v1/customer-exports", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response


async def test_a_csv_export_neutralises_every_cell_a_spreadsheet_would_run(
    client: httpx.AsyncClient, auth_keys: KeyPair, hostile: dict[str, Any]
) -> None:
    response = await _export(client, auth_keys, segment="hostile")

    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="customers-')
    assert response.content.startswith("\ufeff".encode())
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == EXPORTED
    assert rows == [
        [
            '\'=HYPERLINK("http://x","click")',
            "HOSTILE-1",
            "CN",
            hostile["tax_id"],
            "EUR",
            "30",
            "'@SUM(1+1)",
            "'+4930123456",
            "eve@hostile.example",
            "'-2+3",
            "HOSTILE-C1",
            "2025-11-02",
            "1234.50",
            "",
            "",
            "'+monthly",
            "'=1+1",
        ]
    ]


async def test_an_xlsx_export_neutralises_text_and_keeps_numbers_and_dates(
    client: httpx.AsyncClient, auth_keys: KeyPair, hostile: dict[str, Any]
) -> None:
    response = await _export(client, auth_keys, "collector", segment="hostile", format="xlsx")

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    header, row = ([cell for cell in r] for r in sheet.iter_rows())
    assert [c.value for c in header] == EXPORTED
    cells = dict(zip(EXPORTED, row, strict=True))
    assert {name: cells[name].value for name in ("customer", "contact", "phone", "project")} == {
        "customer": '\'=HYPERLINK("http://x","click")',
        "contact": "'@SUM(1+1)",
        "phone": "'+4930123456",
        "project": "'-2+3",
    }
    assert (cells["notes"].value, cells["payment_cycle"].value) == ("'=1+1", "'+monthly")
    assert all(cell.data_type != "f" for cell in row)
    assert cells["contract_total"].data_type == "n"
    assert Decimal(str(cells["contract_total"].value)) == Decimal("1234.50")
    assert cells["contract_total"].number_format == "#,##0.00"
    assert cells["contract_date"].value == datetime(2025, 11, 2)
    assert cells["payment_terms_days"].value == 30


async def test_clear_values_exported_are_in_the_access_log(
    client: httpx.AsyncClient, auth_keys: KeyPair, hostile: dict[str, Any]
) -> None:
    await _export(client, auth_keys, "credit_manager", segment="hostile")

    log = await client.get(
        "/v1/access-log",
        params={"subject": "credit_manager-exporting", "customer_id": hostile["id"]},
        headers=auth_keys.auth("auditor"),
    )
    [entry] = log.json()["items"]
    assert (entry["purpose"], entry["roles"]) == ("GET /v1/customer-exports", ["credit_manager"])
    assert entry["fields"] == ["contact.email", "contact.name", "contact.phone", "tax_id"]


async def test_the_export_is_filtered_by_status_and_segment(
    client: httpx.AsyncClient, auth_keys: KeyPair, hostile: dict[str, Any]
) -> None:
    assert (await _export(client, auth_keys, segment="hostile", status="active")).text.count(
        "HOSTILE-1"
    ) == 1
    suspended = await _export(client, auth_keys, segment="hostile", status="suspended")
    assert suspended.content.decode("utf-8-sig").splitlines() == [",".join(EXPORTED)]


@pytest.mark.parametrize("role", ["cashier", "auditor", "service"])
async def test_roles_without_a_need_cannot_export(
    client: httpx.AsyncClient, auth_keys: KeyPair, role: str
) -> None:
    response = await client.get("/v1/customer-exports", headers=auth_keys.auth(role))

    assert response.status_code == 403
