import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from customer_svc.adapters.customer_table.spreadsheets import read_sheet, write_csv, write_xlsx
from customer_svc.domain.customer_table.rows import MAX_ROWS
from customer_svc.domain.customer_table.table import (
    SheetRow,
    TableTooLong,
    UnreadableSpreadsheet,
)


def test_a_gb18030_csv_is_read_with_its_chinese_text() -> None:
    content = "客户,电话\n杭州绿源,139 2345 6789\n".encode("gb18030")

    sheet = read_sheet(content, "表.csv")

    assert sheet.header == ("客户", "电话")
    assert sheet.rows == (SheetRow(2, ("杭州绿源", "139 2345 6789")),)


def test_rows_keep_the_numbers_the_sheet_shows_with_empty_rows_skipped() -> None:
    content = b'\xef\xbb\xbfcustomer;notes\r\n\r\n"Acme; Ltd";"two\nlines"\r\n;\r\nBeta;x\r\n'

    sheet = read_sheet(content, "c.csv")

    assert sheet.header == ("customer", "notes")
    assert [(r.line, r.cells[0]) for r in sheet.rows] == [(3, "Acme; Ltd"), (5, "Beta")]


def test_workbook_cells_are_read_as_the_text_they_stand_for() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["total", "phone", "date", "stamp", "terms", "formula"])
    sheet.append([185000.5, 13800138000, datetime(2025, 7, 10), datetime(2025, 7, 10, 9, 30)])
    sheet.append([0.1, None, date(2025, 1, 2), None, 45, "=SUM(A2:A3)"])
    out = io.BytesIO()
    book.save(out)

    read = read_sheet(out.getvalue(), "c.xlsx")

    assert [r.cells for r in read.rows] == [
        ("185000.5", "13800138000", "2025-07-10", "2025-07-10 09:30:00", "", ""),
        ("0.1", "", "2025-01-02", "", "45", "=SUM(A2:A3)"),
    ]


def test_a_table_is_refused_as_soon_as_it_passes_the_row_cap() -> None:
    at_cap = b"customer\n" + b"Acme\n" * MAX_ROWS
    assert len(read_sheet(at_cap, "c.csv").rows) == MAX_ROWS
    with pytest.raises(TableTooLong) as refused:
        read_sheet(at_cap + b"Beta\n", "c.csv")
    assert refused.value.message == (
        "The table has more than 50000 rows; one import takes at most 50000."
    )


def test_a_file_without_a_header_row_is_unreadable() -> None:
    with pytest.raises(UnreadableSpreadsheet):
        read_sheet(b"\n\ncustomer\nAcme\n", "c.csv")


ROWS = [
    {"customer": "=cmd", "contract_total": Decimal("1234.50"), "contract_date": date(2025, 1, 2)}
]


def test_a_csv_is_written_with_a_bom_and_every_formula_neutralised() -> None:
    written = write_csv(["customer", "contract_total", "contract_date", "notes"], ROWS)

    assert written.decode("utf-8-sig").splitlines() == [
        "customer,contract_total,contract_date,notes",
        "'=cmd,1234.50,2025-01-02,",
    ]
    assert written.startswith("\ufeff".encode())


def test_a_workbook_is_written_with_numbers_dates_and_neutralised_text() -> None:
    written = write_xlsx(["customer", "contract_total", "contract_date"], ROWS, title="T")

    sheet = openpyxl.load_workbook(io.BytesIO(written)).worksheets[0]
    [customer, total, signed] = next(sheet.iter_rows(min_row=2))
    assert (customer.value, customer.data_type) == ("'=cmd", "s")
    assert (total.value, total.number_format) == (1234.5, "#,##0.00")
    assert signed.value == datetime(2025, 1, 2)
