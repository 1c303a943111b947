from datetime import date
from decimal import Decimal

import pytest

from ledger_svc.adapters.invoicing.invoice_files import invoice_file_records
from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.invoicing.invoice_import import ErrorReport, InvoiceImportRejected
from ledger_svc.domain.invoicing.invoice_import_plan import ImportPlan, plan_import
from ledger_svc.domain.invoicing.invoice_import_plan import read_import_file as read_records
from ledger_svc.domain.invoicing.invoice_import_rows import ImportRow

HEADER = "invoice_ref,customer_id,issue_date,due_date,description,quantity,unit_price,tax_rate"
ACCOUNTS = {
    "c-eur": CustomerAccount("c-eur", "EUR", 30),
    "c-jpy": CustomerAccount("c-jpy", "JPY", 14),
}


def read_import_file(report: ErrorReport, data: bytes) -> list[ImportRow]:
    return read_records(report, invoice_file_records(report, data))


def plan(*lines: str, header: str = HEADER) -> ImportPlan:
    report = ErrorReport()
    rows = read_import_file(report, "\n".join([header, *lines]).encode())
    return plan_import(report, rows, ACCOUNTS)


def rejected(*lines: str, header: str = HEADER, raw: bytes | None = None) -> InvoiceImportRejected:
    report = ErrorReport()
    data = raw if raw is not None else "\n".join([header, *lines]).encode()
    with pytest.raises(InvoiceImportRejected) as caught:
        plan_import(report, read_import_file(report, data), ACCOUNTS)
    return caught.value


def cells(error: InvoiceImportRejected) -> list[tuple[int, str | None]]:
    return [(e.row, e.column) for e in error.errors]


def test_rows_sharing_a_reference_become_one_invoice_priced_to_the_cent() -> None:
    planned = plan(
        "A,c-eur,2026-03-01,2026-03-31,Consulting,12.5,80.00,19",
        "B,c-jpy,2026-03-02,,Tea,3,1200,",
        "A,c-eur,2026-03-01,2026-03-31,Travel,1,145.30,",
    )

    assert (planned.rows, planned.lines) == (3, 3)
    first, second = planned.invoices
    assert (first.invoice_ref, first.first_row, first.series) == ("A", 2, "INV")
    assert [line.description for line in first.draft.lines] == ["Consulting", "Travel"]
    assert (first.draft.net, first.draft.tax, first.draft.total) == (114530, 19000, 133530)
    assert first.draft.due_date == date(2026, 3, 31)
    # No due date: the customer's 14 days net.
    assert (second.draft.total, second.draft.due_date) == (3600, date(2026, 3, 16))
    assert second.draft.lines[0].quantity == Decimal(3)


def test_columns_may_come_in_any_order_and_optional_ones_may_be_left_out() -> None:
    planned = plan(
        "9.99,2,Pens,2026-03-01,c-eur,R-1",
        header="unit_price,quantity,description,issue_date,customer_id,invoice_ref",
    )
    assert planned.invoices[0].draft.total == 1998


def test_every_bad_cell_is_reported_by_row_and_column() -> None:
    error = rejected(
        "A,c-eur,2026-02-30,2026-03-31,Goods,1,10.00,19",
        "B,c-eur,2026-03-01,,Goods,-1,10.00,",
        "C,c-eur,2026-03-01,,Goods,1,10.001,",
        "D,c-eur,2026-03-01,,,1,10.00,101",
        "E,nobody,2026-03-01,,Goods,1,10.00,",
        "F,c-jpy,2026-03-01,,Goods,1.5,1200.5,",
        "G,c-eur,2026-03-01,2026-02-01,Goods,1,10.00,",
        ",c-eur,2026-03-01,,Goods,x,10.00,",
    )

    assert cells(error) == [
        (2, "issue_date"),
        (3, "quantity"),
        (4, "unit_price"),
        (5, "description"),
        (5, "tax_rate"),
        (6, "customer_id"),
        (7, "unit_price"),
        (8, "due_date"),
        (9, "invoice_ref"),
        (9, "quantity"),
    ]
    assert error.error_count == 10
    assert error.errors[2].message == "10.001 has more than 2 decimal places for EUR"


def test_the_rows_of_one_invoice_must_agree_on_its_customer_dates_and_currency() -> None:
    error = rejected(
        "A,c-eur,2026-03-01,2026-03-31,Goods,1,10.00,",
        "A,c-jpy,2026-03-02,2026-03-31,Goods,1,10.00,",
        header=HEADER,
    )
    assert cells(error) == [(3, "customer_id"), (3, "issue_date")]
    assert error.errors[0].message == "Differs from row 2, the first of invoice 'A'."


def test_a_currency_other_than_the_account_s_is_refused() -> None:
    error = rejected(
        "A,c-eur,2026-03-01,,Goods,1,10.00,USD", header=HEADER.replace("tax_rate", "currency")
    )
    assert cells(error) == [(2, "currency")]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("invoice_ref,customer_id,issue_date,description,quantity", [(1, "unit_price")]),
        (HEADER + ",colour", [(1, "colour")]),
        (HEADER + ",quantity", [(1, "quantity")]),
    ],
)
def test_a_wrong_header_is_reported_on_row_one_and_no_row_is_read(
    header: str, expected: list[tuple[int, str]]
) -> None:
    assert cells(rejected("A,c-eur,2026-03-01,,Goods,1,10.00,", header=header)) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "The file is empty: expected a header row and invoice rows."),
        (b"\n\n", "The file is empty: expected a header row and invoice rows."),
        (HEADER.encode() + b"\n", "The file has a header but no invoice rows."),
        (b"\xff\xfe\x00garbage", "The file is not UTF-8 text (byte 0 cannot be read)."),
    ],
)
def test_a_file_without_invoices_is_refused_as_a_whole(raw: bytes, message: str) -> None:
    error = rejected(raw=raw)
    assert [(e.row, e.column, e.message) for e in error.errors] == [(0, None, message)]


def test_a_row_with_too_few_or_too_many_fields_is_refused() -> None:
    error = rejected("A,c-eur,2026-03-01,,Goods,1,10.00", "B,c-eur,2026-03-01,,Goods,1,10.00,,x")
    assert [(e.row, e.message) for e in error.errors] == [
        (2, "Expected 8 fields, found 7."),
        (3, "Expected 8 fields, found 9."),
    ]


def test_a_file_the_csv_reader_cannot_follow_stops_at_the_broken_row() -> None:
    error = rejected("A,c-eur,2026-03-01,,Goods,1,10.00,", 'B,c-eur,2026-03-01,,"Go"ods,1,10.00,')
    assert [(e.row, e.column) for e in error.errors] == [(3, None)]
    assert error.errors[0].message.startswith("Not readable as CSV")


def test_the_report_lists_the_first_hundred_errors_by_row_and_counts_them_all() -> None:
    error = rejected(*[f"R{n},c-eur,2026-03-01,,Goods,1,1.001," for n in range(150)])
    assert error.error_count == 150
    assert [e.row for e in error.errors] == list(range(2, 102))


def test_an_invoice_takes_two_hundred_lines_at_most() -> None:
    error = rejected(*["A,c-eur,2026-03-01,,Goods,1,1.00,"] * 201)
    assert cells(error) == [(202, "invoice_ref")]


def test_a_file_saved_by_a_spreadsheet_is_read_as_written() -> None:
    raw = "\ufeff" + HEADER.upper() + '\r\nA,c-eur,2026-03-01,,"Desk, oak",1,"1,00",\r\n'
    error = rejected(raw=raw.encode())
    # The comma decimal is named, not guessed at; the quoted comma in the text is fine.
    assert [(e.row, e.column) for e in error.errors] == [(2, "unit_price")]
    fixed = raw.replace('"1,00"', "1.00").encode()
    report = ErrorReport()
    planned = plan_import(report, read_import_file(report, fixed), ACCOUNTS)
    assert planned.invoices[0].draft.lines[0].description == "Desk, oak"


def test_a_cell_a_spreadsheet_would_run_is_refused_where_it_stands() -> None:
    error = rejected(
        'A,c-eur,2026-03-01,,"=HYPERLINK(""http://x"",""pay here"")",1,10.00,',
        "B,c-eur,2026-03-01,,\uff0bcmd,1,10.00,",
        "C,@c-eur,2026-03-01,,Goods,1,10.00,",
        "D,c-eur,2026-03-01,,'=not a formula,1,10.00,+19",
    )
    assert [(e.row, e.column, e.message) for e in error.errors] == [
        (
            2,
            "description",
            '\'=HYPERLINK("http://x","pay here")\' would run as a formula in a spreadsheet; '
            "start it with an apostrophe if it is text.",
        ),
        (
            3,
            "description",
            "'\uff0bcmd' would run as a formula in a spreadsheet; "
            "start it with an apostrophe if it is text.",
        ),
        (
            4,
            "customer_id",
            "'@c-eur' would run as a formula in a spreadsheet; "
            "start it with an apostrophe if it is text.",
        ),
    ]  # row 5: text the apostrophe marks as text, and signed numbers, are data
