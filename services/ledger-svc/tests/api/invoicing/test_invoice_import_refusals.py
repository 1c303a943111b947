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


async def test_each_row_dated_where_no_invoice_may_post_is_refused_with_its_reason_and_row(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    closing = await client.post(
        "/v1/periods/2030-01:close", headers=auth_keys.auth("accountant", subject="carol")
    )
    assert closing.status_code == 200, closing.text
    content = HEADER + "".join(
        f"{ref},{customer_id},{issued},{due},Goods,1,10.00,\n"
        for ref, issued, due in [
            ("J-1", "2030-01-31", ""),  # in the closed January
            ("J-2", "2041-01-01", ""),  # the day after the business date, 2040-12-31
            ("J-3", "2031-05-01", "2201-01-01"),  # due outside the calendar
            ("J-4", "1899-12-31", "2031-01-31"),  # issued outside it
            ("J-5", "2030-02-01", ""),  # fine on its own
        ]
    )
    before = await footprint(ledger_db)

    response = await upload(client, auth_keys, content)

    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"].endswith("/invoice-import-rejected")
    assert (problem["error_count"], problem["errors"]) == (
        4,
        [
            {
                "row": 2,
                "column": "issue_date",
                "field": "rows.2.issue_date",
                "message": "Period 2030-01 is closed: nothing dated in it can be posted; the "
                "first open date is 2030-02-01.",
            },
            {
                "row": 3,
                "column": "issue_date",
                "field": "rows.3.issue_date",
                "message": "issue_date 2041-01-01 is after 2040-12-31: a posting may not be "
                "dated after the business date 2040-12-31.",
            },
            {
                "row": 4,
                "column": "due_date",
                "field": "rows.4.due_date",
                "message": "due_date 2201-01-01 is outside the years 1900 to 2200.",
            },
            {
                "row": 5,
                "column": "issue_date",
                "field": "rows.5.issue_date",
                "message": "issue_date 1899-12-31 is outside the years 1900 to 2200.",
            },
        ],
    )
    assert await footprint(ledger_db) == before
