import io
import time
import tracemalloc

import openpyxl
import pytest

from ledgerflow_platform.tables.reading import (
    NotText,
    Table,
    TableRow,
    TableTooLong,
    UnreadableTable,
    UnsupportedTable,
    read_rows,
    read_table,
)

from .hostile_workbooks import inline, million_rows, workbook

CAP = 50_000


@pytest.fixture(scope="module")
def a_million_rows() -> bytes:
    content = million_rows()
    assert len(content) < 1_000_000  # a small upload, far below any size cap
    return content


def test_a_million_row_workbook_is_refused_within_two_seconds_and_100_mb(
    a_million_rows: bytes,
) -> None:
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(TableTooLong) as refused:
            read_table(a_million_rows, "customers.xlsx", max_rows=CAP)
        seconds = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.message == (
        "The table has more than 50000 rows; one import takes at most that."
    )
    assert seconds < 2.0
    assert peak < 100 * 2**20


def test_rows_up_to_the_cap_are_read_and_one_more_is_refused() -> None:
    header = f"<row>{inline('n')}</row>".encode()
    row = b"<row><c><v>7</v></c></row>"
    at_cap = workbook([header, row * 3])
    assert read_table(at_cap, "t.xlsx", max_rows=3).rows == (
        TableRow(2, ("7",)),
        TableRow(3, ("7",)),
        TableRow(4, ("7",)),
    )
    with pytest.raises(TableTooLong):
        read_table(workbook([header, row * 4]), "t.xlsx", max_rows=3)
    csv = b"n\r\n" + b"7\r\n" * 4
    assert len(read_table(csv[:-3], "t.csv", max_rows=3).rows) == 3
    with pytest.raises(TableTooLong):
        read_table(csv, "t.csv", max_rows=3)


def test_a_sheet_declared_a1_to_xfd1048576_is_read_as_wide_as_its_cells() -> None:
    header = f'<row r="1">{inline("n")}</row>'.encode()
    content = workbook(
        [header, b'<row r="2"><c r="A2"><v>1</v></c></row>'], dimension="A1:XFD1048576"
    )
    assert read_table(content, "t.xlsx", max_rows=10) == Table(("n",), (TableRow(2, ("1",)),))


def test_one_far_row_counts_every_row_before_it_towards_the_cap() -> None:
    far = b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
    started = time.monotonic()
    with pytest.raises(TableTooLong):
        read_table(workbook([f"<row>{inline('n')}</row>".encode(), far]), "t.xlsx", max_rows=CAP)
    assert time.monotonic() - started < 2.0


def test_a_row_wider_than_256_columns_is_refused() -> None:
    wide = b'<row r="2"><c r="XFD2"><v>1</v></c></row>'
    with pytest.raises(UnreadableTable) as refused:
        read_table(workbook([f"<row>{inline('n')}</row>".encode(), wide]), "t.xlsx", max_rows=9)
    assert (refused.value.message, refused.value.line) == ("Row 2 has more than 256 columns.", 2)


def test_a_workbook_of_prefixed_elements_is_counted_too() -> None:
    header = f"<x:row>{inline('n').replace('c ', 'x:c ')}</x:row>".encode()
    rows = b"<x:row><x:c><x:v>7</x:v></x:c></x:row>" * 30
    content = workbook([header, rows]).replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=")
    with pytest.raises((TableTooLong, UnreadableTable)):
        read_table(content, "t.xlsx", max_rows=3)


def test_workbook_cells_read_as_the_text_they_show_rows_as_wide_as_the_header() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["a", "b", "c"])
    sheet.append([0.1, 13800138000.0, "=SUM(A1:A2)"])
    sheet.append(["x"])
    out = io.BytesIO()
    book.save(out)
    assert read_table(out.getvalue(), "t.xlsx", max_rows=5) == Table(
        ("a", "b", "c"),
        (TableRow(2, ("0.1", "13800138000", "=SUM(A1:A2)")), TableRow(3, ("x", "", ""))),
    )


def test_a_csv_keeps_quoted_newlines_and_numbers_rows_as_records() -> None:
    content = b'\xef\xbb\xbfa;b\r\n"x;y";"two\nlines"\r\n\r\nz;w\r\n'
    assert list(read_rows(content, "t.csv", max_rows=9)) == [
        TableRow(1, ("a", "b")),
        TableRow(2, ("x;y", "two\nlines")),
        TableRow(3, ()),
        TableRow(4, ("z", "w")),
    ]


def test_text_in_none_of_the_encodings_names_its_first_bad_byte() -> None:
    with pytest.raises(NotText) as refused:
        read_table(b"a,b\nx,\xff\n", "t.csv", max_rows=9)
    assert refused.value.offset == 6
    assert read_table(
        "a\n表\n".encode("gb18030"),
        "t.csv",
        max_rows=9,
        encodings=(
            "utf-8-sig",
            "gb18030",
        ),
    ).rows == (TableRow(2, ("表",)),)


@pytest.mark.parametrize(
    ("content", "filename", "refusal"),
    [
        (b'a,b\n"x"y,z\n', "t.csv", UnreadableTable),
        (b"\x00\x01 binary", "t.csv", UnreadableTable),
        (b"PK\x03\x04 not really", "t.csv", UnreadableTable),
        (b"\x13\x37" * 50, "t.xlsx", UnreadableTable),
        (b"%PDF-1.7", "t.pdf", UnsupportedTable),
        (b"\n\n", "t.csv", UnreadableTable),
    ],
    ids=["broken quote", "binary", "zip named .csv", "noise named .xlsx", "pdf", "no header"],
)
def test_what_cannot_be_read_as_a_table_is_refused(
    content: bytes, filename: str, refusal: type[Exception]
) -> None:
    with pytest.raises(refusal):
        read_table(content, filename, max_rows=9)
