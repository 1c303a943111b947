from collections.abc import Awaitable, Callable

import httpx

from ledgerflow_platform.testing import KeyPair

from .conftest import Upload, csv_table, line, report
from .generated_table import COLUMNS

Written = Callable[[], Awaitable[dict[str, int]]]


async def _imported(upload: Upload, *rows: dict[str, str]) -> None:
    response = await upload(csv_table(list(rows)))
    assert response.status_code == 201, response.text


async def test_a_customer_code_on_file_is_refused_as_the_import_adds_new_customers_only(
    upload: Upload, written: Written
) -> None:
    filed = line()
    await _imported(upload, filed)
    before = await written()

    response = await upload(csv_table([line(), line(customer_code=filed["customer_code"])]))

    assert report(response) == [(3, "customer_code")]
    assert "is customer" in response.json()["errors"][0]["message"]
    assert await written() == before


async def test_a_customer_on_file_by_name_is_refused_whatever_its_case_and_spacing(
    upload: Upload, written: Written
) -> None:
    filed = line(customer_code="")
    await _imported(upload, filed)
    before = await written()
    again = line(customer_code="", customer="  " + filed["customer"].upper().replace(" ", "  "))

    response = await upload(csv_table([again]))

    assert report(response) == [(2, "customer")]
    assert await written() == before


async def test_a_tax_id_on_file_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair, upload: Upload, written: Written
) -> None:
    row = line()
    registered = await client.post(
        "/v1/customers",
        json={
            "name": "Registered One by One Ltd.",
            "currency": "CNY",
            "payment_terms_days": 30,
            "country": "CN",
            "tax_id": row["tax_id"],
        },
        headers=auth_keys.auth("accountant"),
    )
    assert registered.status_code == 201, registered.text
    before = await written()

    response = await upload(csv_table([line(), row]))

    assert report(response) == [(3, "tax_id")]
    assert registered.json()["id"] in response.json()["errors"][0]["message"]
    assert await written() == before


async def test_a_contract_number_on_file_is_refused_whatever_its_case(
    upload: Upload, written: Written
) -> None:
    filed = line()
    await _imported(upload, filed)
    before = await written()

    response = await upload(csv_table([line(contract_number=filed["contract_number"].lower())]))

    assert report(response) == [(2, "contract_number")]
    assert await written() == before


async def test_nothing_of_a_table_is_filed_when_its_last_row_is_wrong(
    upload: Upload, written: Written
) -> None:
    rows = [line() for _ in range(50)] + [line(email="@example.com")]
    before = await written()

    response = await upload(csv_table(rows))

    assert report(response) == [(52, "email")]
    assert await written() == before


async def test_a_company_on_file_under_another_code_is_refused_unless_the_table_allows_it(
    upload: Upload, written: Written
) -> None:
    filed = line(tax_id="")
    await _imported(upload, filed)
    before = await written()
    spelled = filed["customer"].upper().replace(",", "").replace(".", "")
    again = line(customer=spelled, tax_id="")

    refused = await upload(csv_table([again]))

    assert report(refused) == [(2, "customer")]
    assert "(duplicate-customer-name)" in refused.json()["errors"][0]["message"]
    assert await written() == before
    with_column = (*COLUMNS, "allow_duplicate_name")
    allowed = await upload(csv_table([{**again, "allow_duplicate_name": "true"}], with_column))
    assert allowed.status_code == 201, allowed.text


async def test_two_tax_ids_that_differ_make_two_companies_of_one_name(upload: Upload) -> None:
    filed = line()
    await _imported(upload, filed)

    response = await upload(csv_table([line(customer=filed["customer"])]))

    assert response.status_code == 201, response.text
