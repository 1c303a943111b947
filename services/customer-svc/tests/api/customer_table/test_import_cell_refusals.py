from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from .conftest import Upload, csv_table, line, report

Written = Callable[[], Awaitable[dict[str, int]]]

# One wrong cell on the first data row (sheet row 2) and the column it is reported under.
WRONG_CELLS = {
    "invalid tax id": ({"tax_id": "913100001322115801"}, "tax_id"),
    "invalid phone": ({"phone": "12345"}, "phone"),
    "phone made a formula": ({"phone": "+cmd|' /C calc'!A0"}, "phone"),
    "invalid email": ({"email": "wang.fang@"}, "email"),
    "unknown country": ({"country": "XX"}, "country"),
    "tax id without country": ({"country": ""}, "tax_id"),
    "hyperlink formula": ({"notes": '=HYPERLINK("http://x","click")'}, "notes"),
    "at-sign formula": ({"customer": "@SUM(A1:A9)"}, "customer"),
    "plus formula": ({"project": "+cmd|' /C calc'!A0"}, "project"),
    "minus formula": ({"payment_cycle": "-2+3"}, "payment_cycle"),
    "tab formula": ({"contact": "\t=1+1"}, "contact"),
    "padded formula": ({"notes": "  =1+1"}, "notes"),
    "amount beyond the currency's scale": ({"contract_total": "1200.555"}, "contract_total"),
    "yen with cents": ({"currency": "JPY", "contract_total": "1200.50"}, "contract_total"),
    "negative total": ({"contract_total": "-5"}, "contract_total"),
    "not an amount": ({"contract_total": "about 5000"}, "contract_total"),
    "impossible date": ({"contract_date": "2025-02-30"}, "contract_date"),
    "signed in the future": ({"contract_date": "2099-01-01"}, "contract_date"),
    "unknown currency": ({"currency": "ABC"}, "currency"),
    "days not a number": ({"payment_terms_days": "thirty"}, "payment_terms_days"),
    "days beyond a year": ({"payment_terms_days": "400"}, "payment_terms_days"),
    "no customer": ({"customer": "", "customer_code": ""}, "customer"),
    "phone without a contact": ({"contact": ""}, "contact"),
    "contract line without total": ({"contract_total": ""}, "contract_total"),
    "contract line without project": ({"project": ""}, "project"),
    "contract number with spaces": ({"contract_number": "HT 2025 1"}, "contract_number"),
    "customer code too short": ({"customer_code": "x"}, "customer_code"),
    "notes over 2000 characters": ({"notes": "n" * 2001}, "notes"),
    "paid not an amount": ({"paid": "lots"}, "paid"),
    "unpaid below zero": ({"paid": "130000.00", "unpaid": "-10000.00"}, "unpaid"),
    "paid and unpaid short of the total": ({"unpaid": "90000.00"}, "unpaid"),
}


@pytest.mark.parametrize(("cells", "column"), WRONG_CELLS.values(), ids=WRONG_CELLS.keys())
async def test_a_wrong_cell_refuses_the_whole_table_naming_its_row_and_column(
    upload: Upload, written: Written, cells: dict[str, str], column: str
) -> None:
    before = await written()

    response = await upload(csv_table([line(**cells), line(), line()]))

    assert report(response) == [(2, column)]
    assert await written() == before


async def test_every_wrong_cell_is_reported_at_the_row_the_user_sees(
    upload: Upload, written: Written
) -> None:
    before = await written()
    rows = [line(), line(phone="0"), line(), line(email="nobody"), line(country="ZZ")]

    response = await upload(csv_table(rows))

    body = response.json()
    assert (body["type"], body["status"]) == (
        "https://ledgerflow.dev/problems/customer-table-rejected",
        422,
    )
    assert body["detail"] == "The table has 3 errors; nothing was imported."
    assert report(response) == [(3, "phone"), (5, "email"), (6, "country")]
    assert await written() == before


async def test_a_formula_is_refused_with_a_message_saying_so(upload: Upload) -> None:
    response = await upload(csv_table([line(notes='=HYPERLINK("http://x","click")')]))

    [error] = response.json()["errors"]
    assert error == {
        "row": 2,
        "column": "notes",
        "message": '\'=HYPERLINK("http://x","click")\' would run as a formula in a '
        "spreadsheet; start it with an apostrophe if it is text.",
    }


async def test_rows_of_one_customer_must_agree_on_the_customer(
    upload: Upload, written: Written
) -> None:
    first = line()
    second = {**first, "contract_number": first["contract_number"] + "-B", "country": "DE"}
    before = await written()

    response = await upload(csv_table([first, second]))

    assert report(response) == [(3, "country")]
    assert await written() == before


REPEATS: dict[str, Any] = {
    "a tax id of two customers": ("tax_id", "tax_id"),
    "a contract number twice": ("contract_number", "contract_number"),
}


@pytest.mark.parametrize(("cell", "column"), REPEATS.values(), ids=REPEATS.keys())
async def test_a_value_repeated_within_the_table_is_refused_where_it_repeats(
    upload: Upload, written: Written, cell: str, column: str
) -> None:
    first = line()
    before = await written()

    response = await upload(csv_table([first, line(), line(**{cell: first[cell]})]))

    assert report(response) == [(4, column)]
    assert await written() == before


async def test_one_code_cannot_name_two_customers(upload: Upload, written: Written) -> None:
    first = line()
    before = await written()

    response = await upload(csv_table([first, line(customer_code=first["customer_code"])]))

    assert report(response) == [(3, "customer_code")]
    assert await written() == before


async def test_errors_are_reported_under_the_headers_the_table_uses(upload: Upload) -> None:
    chinese = ("客户", "国家", "税号", "币种", "账期", "联系人", "电话", "邮箱", "项目")
    chinese += ("合同日期", "合同金额(元)", "已付", "未付", "付款周期", "备注")
    columns = ("customer", "country", "tax_id", "currency", "payment_terms_days", "contact")
    columns += ("phone", "email", "project", "contract_date", "contract_total", "paid")
    columns += ("unpaid", "payment_cycle", "notes")
    row = line(phone="1", contract_total="12.345")
    table = csv_table([dict(zip(chinese, (row[c] for c in columns), strict=True))], chinese)

    response = await upload(table)

    assert report(response) == [(2, "合同金额(元)"), (2, "电话")]


async def test_paid_and_unpaid_that_do_not_add_up_to_the_total_are_named(
    upload: Upload, written: Written
) -> None:
    before = await written()
    row = line(contract_total="360,000.00", paid="500,000.00", unpaid="240,000.00")

    response = await upload(csv_table([line(), row]))

    assert report(response) == [(3, "unpaid")]
    assert response.json()["errors"][0]["message"] == (
        "paid 500000.00 + unpaid 240000.00 = 740000.00, not the contract total 360000.00."
    )
    assert await written() == before
