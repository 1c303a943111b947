import io
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import openpyxl
import pytest

from ledgerflow_platform.testing import KeyPair

from .conftest import COLUMNS, Upload, csv_table, line, report

Written = Callable[[], Awaitable[dict[str, int]]]
PROBLEMS = "https://ledgerflow.dev/problems/"
MB = 1024 * 1024


def workbook(*rows: tuple[object, ...]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped_text() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return out.getvalue()


UNREADABLE = {
    "random bytes named .xlsx": (b"\x13\x37" * 500, "customers.xlsx"),
    "truncated workbook": (workbook(COLUMNS)[:700], "customers.xlsx"),
    "a zip that is no workbook": (zipped_text(), "customers.xlsx"),
    "UTF-16 text": (csv_table([line(customer="Müller GmbH")]).decode().encode("utf-16"), "c.csv"),
    "binary data named .csv": (b"\x00\x01\x02 binary" * 100, "customers.csv"),
    "an xlsx named .csv": (workbook(COLUMNS), "customers.csv"),
    "an empty file": (b"", "customers.csv"),
    "a CSV with a broken quote": (b'customer,contact\n"Acme,"x"y\n', "customers.csv"),
}


@pytest.mark.parametrize(("content", "filename"), UNREADABLE.values(), ids=UNREADABLE.keys())
async def test_a_file_that_cannot_be_read_as_a_table_is_refused(
    upload: Upload, written: Written, content: bytes, filename: str
) -> None:
    before = await written()

    response = await upload(content, filename)

    assert response.status_code == 422, response.text
    assert response.json()["type"] == PROBLEMS + "unreadable-spreadsheet"
    assert await written() == before


@pytest.mark.parametrize("filename", ["customers.pdf", "customers.xls", "customers.docx"])
async def test_a_file_that_is_not_csv_or_xlsx_is_refused_as_unsupported(
    upload: Upload, written: Written, filename: str
) -> None:
    before = await written()

    response = await upload(b"%PDF-1.7 whatever", filename)

    assert response.status_code == 415, response.text
    assert response.json()["type"] == PROBLEMS + "unsupported-spreadsheet"
    assert await written() == before


async def test_missing_and_unknown_columns_are_reported_on_the_header_row(
    upload: Upload, written: Written
) -> None:
    columns = [c for c in COLUMNS if c not in ("phone", "contract_total")] + ["salesman"]
    before = await written()

    response = await upload(csv_table([line()], columns))

    assert report(response) == [(1, "contract_total"), (1, "phone"), (1, "salesman")]
    assert await written() == before


async def test_a_table_with_no_rows_is_refused(upload: Upload) -> None:
    assert report(await upload(csv_table([]))) == [(2, "customer")]


async def test_a_formula_cell_of_a_workbook_is_refused(upload: Upload, written: Written) -> None:
    row = line(notes='=HYPERLINK("http://x","click")')
    before = await written()

    response = await upload(workbook(COLUMNS, tuple(row[c] for c in COLUMNS)), "c.xlsx")

    assert report(response) == [(2, "notes")]
    assert await written() == before


async def test_a_file_declared_over_50_mb_is_refused_before_it_is_read(
    upload: Upload, written: Written
) -> None:
    before = await written()

    response = await upload(b"x" * (50 * MB + 1))

    assert response.status_code == 413, response.text
    assert response.json()["type"] == PROBLEMS + "file-too-large"
    assert await written() == before


async def test_an_undeclared_stream_is_cut_off_at_50_mb(
    client: httpx.AsyncClient, auth_keys: KeyPair, written: Written
) -> None:
    sent = [0]

    async def body() -> AsyncIterator[bytes]:
        yield b'--edge\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n'
        for _ in range(60):
            sent[0] += 1
            yield b"x" * MB
        yield b"\r\n--edge--\r\n"

    before = await written()
    response = await client.post(
        "/v1/customer-imports",
        content=body(),
        headers={
            **auth_keys.auth("accountant"),
            "Content-Type": "multipart/form-data; boundary=edge",
        },
    )

    assert response.status_code == 413, response.text
    assert sent[0] <= 51
    assert await written() == before


async def test_a_body_that_is_not_a_multipart_upload_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post(
        "/v1/customer-imports",
        content=csv_table([line()]),
        headers={**auth_keys.auth("accountant"), "Content-Type": "text/csv"},
    )

    assert response.status_code == 415, response.text


async def test_an_upload_without_the_file_field_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post(
        "/v1/customer-imports",
        files={"table": ("c.csv", csv_table([line()]))},
        headers=auth_keys.auth("accountant"),
    )

    assert response.status_code == 400, response.text


@pytest.mark.parametrize("role", ["cashier", "credit_manager", "collector", "auditor", "service"])
async def test_only_accountants_and_admins_import(
    upload: Upload, written: Written, role: str
) -> None:
    before = await written()

    response = await upload(csv_table([line()]), role=role)

    assert response.status_code == 403
    assert await written() == before


async def test_an_unknown_default_currency_is_refused(upload: Upload) -> None:
    response = await upload(csv_table([line(currency="")]), currency="XYZ")

    assert response.status_code == 422, response.text
    assert response.json()["type"] == PROBLEMS + "unsupported-currency"
