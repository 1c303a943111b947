from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from customer_svc.domain.contracts.terms import InvalidContractTerms
from customer_svc.domain.customer_table.cells import contract_date, total, whole_days
from customer_svc.domain.customer_table.headers import column_of, read_header
from customer_svc.domain.customer_table.table import (
    FORMULA_STARTS,
    REQUIRED_COLUMNS,
    SIGNED_STARTS,
    cell_text,
    neutralized,
)
from customer_svc.domain.customers.customer import InvalidPaymentTerms


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Customer", "customer"),
        ("CONTRACT DATE", "contract_date"),
        ("contract-total", "contract_total"),
        ("customer_code?", "customer_code"),
        ("E-mail", "email"),
        ("客户", "customer"),
        ("合同金额(元)", "contract_total"),
        ("合同金额\uff08元\uff09", "contract_total"),
        ("付款周期", "payment_cycle"),
        ("已付", "paid"),
        ("salesman", None),
    ],
)
def test_headers_are_read_in_english_or_chinese(header: str, column: str | None) -> None:
    assert column_of(header) == column


def test_a_header_row_names_what_is_missing_unknown_or_twice() -> None:
    header = ("客户", "Customer", "联系人", "salesman", "", *REQUIRED_COLUMNS[3:])

    found, errors = read_header(header)

    assert found[0] == "customer"
    assert [(e.row, e.column) for e in errors] == [(1, "Customer"), (1, "salesman"), (1, "phone")]


@pytest.mark.parametrize(
    ("raw", "text", "formula"),
    [
        ('=HYPERLINK("http://x","click")', '=HYPERLINK("http://x","click")', True),
        ("@SUM(A1:A2)", "@SUM(A1:A2)", True),
        ("\t=1+1", "\t=1+1", True),
        ("\rcmd", "\rcmd", True),
        ("   =1+1", "=1+1", True),
        ("+cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", True),
        ("-2+3", "-2+3", True),
        ("-", "-", True),
        ("-12.50", "-12.50", False),
        ("+1,250.00", "+1,250.00", False),
        ("+86 138 0013 8000", "+86 138 0013 8000", False),
        ("'=1+1", "=1+1", False),
        ("'+86 138", "+86 138", False),
        ("O'Brien", "O'Brien", False),
        ("  Acme  ", "Acme", False),
        ("", "", False),
    ],
)
def test_cells_a_spreadsheet_would_run_are_told_apart(raw: str, text: str, formula: bool) -> None:
    assert cell_text(raw) == (text, formula)


def test_a_phone_column_leaves_signed_cells_to_its_own_check() -> None:
    assert cell_text("+cmd|' /C calc'!A0", checked_as_phone=True) == ("+cmd|' /C calc'!A0", False)


@pytest.mark.parametrize(
    ("text", "shown"),
    [("=1+1", "'=1+1"), ("+86", "'+86"), ("-", "'-"), ("@x", "'@x"), ("Acme", "Acme")],
)
def test_exported_text_is_neutralised_with_an_apostrophe(text: str, shown: str) -> None:
    assert neutralized(text) == shown


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs")), max_size=30)


@given(printable)
def test_an_exported_cell_never_starts_a_formula(text: str) -> None:
    assert not neutralized(text).startswith(FORMULA_STARTS + SIGNED_STARTS)


@given(printable.filter(lambda t: not t.startswith("'")))
def test_an_exported_cell_reads_back_as_the_same_text_never_as_a_formula(text: str) -> None:
    assert cell_text(neutralized(text)) == (text.strip(), False)


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2025-03-15", date(2025, 3, 15)),
        ("2025/3/5", date(2025, 3, 5)),
        ("2025.12.01", date(2025, 12, 1)),
        ("2025年3月15日", date(2025, 3, 15)),
        ("2025-03-15 00:00:00", date(2025, 3, 15)),
        ("", None),
    ],
)
def test_contract_dates_are_read_as_people_write_them(raw: str, day: date | None) -> None:
    assert contract_date(raw) == day


@pytest.mark.parametrize("raw", ["15/03/2025", "2025-02-30", "soon", "2025-03-15 10:30"])
def test_what_is_not_a_date_is_refused(raw: str) -> None:
    with pytest.raises(InvalidContractTerms):
        contract_date(raw)


def test_thousands_separators_are_dropped_from_totals() -> None:
    assert total("1,250,000.00") == "1250000.00"
    assert total("1\u202f250\uff0c000") == "1250000"


def test_days_are_whole_numbers_or_the_default() -> None:
    assert (whole_days("45", 30), whole_days("", 30)) == (45, 30)
    with pytest.raises(InvalidPaymentTerms):
        whole_days("4.5", 30)
