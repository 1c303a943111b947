from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

from .invoice_import_steps import HEADER, footprint, upload


@pytest.mark.parametrize(
    ("content", "first_error", "error_count"),
    [
        (
            HEADER + "A,{c},2031-05-01,,Goods,1,10.00,\n" + 'B,{c},2031-05-01,,"Go"ods,1,1.00,\n',
            {"row": 3, "column": None, "field": "file"},
            1,
        ),
        (
            HEADER.replace("unit_price", "price") + "A,{c},2031-05-01,,Goods,1,10.00,\n",
            {"row": 1, "column": "price", "field": "rows.1.price"},
            2,  # an unknown column, and unit_price missing
        ),
        ("", {"row": 0, "column": None, "field": "file"}, 1),
        (
            HEADER
            + "".join(f"R{n},{{c}},2031-05-01,,Goods,1,10.00,\n" for n in range(20))
            + "R20,{c},2031-05-01,,Goods,1,10.005,\n"
            + "".join(f"R{n},{{c}},2031-05-01,,Goods,1,10.00,\n" for n in range(21, 40)),
            {"row": 22, "column": "unit_price", "field": "rows.22.unit_price"},
            1,
        ),
    ],
    ids=["malformed", "wrong-header", "empty", "one-bad-row-among-good-ones"],
)
async def test_a_refused_file_is_reported_and_leaves_no_trace(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    content: str,
    first_error: dict[str, Any],
    error_count: int,
) -> None:
    customer_id = await register_customer("EUR")
    before = await footprint(ledger_db)

    response = await upload(client, auth_keys, content.replace("{c}", customer_id))

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/invoice-import-rejected")
    assert problem["error_count"] == len(problem["errors"]) == error_count
    assert {k: problem["errors"][0][k] for k in first_error} == first_error
    assert await footprint(ledger_db) == before


async def test_the_same_file_twice_is_refused_naming_the_import_that_took_it(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    content = HEADER + f"X-1,{customer_id},2031-06-01,,Goods,2,3.50,\n"
    first = await upload(client, auth_keys, content)
    before = await footprint(ledger_db)

    again = await upload(client, auth_keys, content, role="service")

    assert again.status_code == 409
    assert first.json()["import_id"] in again.json()["detail"]
    assert await footprint(ledger_db) == before
    shown = await client.get(
        f"/v1/invoice-imports/{first.json()['import_id']}", headers=auth_keys.auth("collector")
    )
    assert shown.json() == first.json()


async def test_a_file_over_fifty_mebibytes_is_refused_unread(
    client: httpx.AsyncClient, auth_keys: KeyPair, ledger_db
) -> None:
    before = await footprint(ledger_db)
    response = await upload(client, auth_keys, b"x" * (50 * 2**20 + 1))
    assert response.status_code == 413
    assert response.json()["type"].endswith("/invoice-file-too-large")
    assert await footprint(ledger_db) == before


async def test_a_form_without_the_file_field_is_a_bad_request(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post(
        "/v1/invoice-imports",
        files={"upload": ("a.csv", b"x", "text/csv")},
        headers=auth_keys.auth("accountant"),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "file", "message": "A CSV file is required."}]


@pytest.mark.parametrize(("role", "status"), [("cashier", 403), ("auditor", 403)])
async def test_only_accountants_admins_and_services_import(
    client: httpx.AsyncClient, auth_keys: KeyPair, role: str, status: int
) -> None:
    assert (await upload(client, auth_keys, HEADER, role=role)).status_code == status
    anonymous = await client.post("/v1/invoice-imports", content=b"", headers={})
    assert anonymous.status_code == 401


async def test_an_unknown_import_is_not_found(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get("/v1/invoice-imports/nope", headers=auth_keys.auth("auditor"))
    assert response.status_code == 404
