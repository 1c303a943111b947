from datetime import date
from pathlib import Path

import pytest

from ledger_svc.adapters.bank_reconciliation.bank_statement_parsers import (
    detect_format,
    parse_bank_statement,
)
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankStatementBalance,
    BankStatementEntry,
    Direction,
    StatementFormat,
)

FIXTURES = Path(__file__).parents[2] / "fixtures"
CREDIT, DEBIT = Direction.CREDIT, Direction.DEBIT


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_a_camt053_v02_statement_is_read_to_the_cent_with_batches_split_and_pending_left_out() -> (
    None
):
    statement = parse_bank_statement(fixture("camt053_v02.xml"))

    assert statement.statement_format is StatementFormat.CAMT053
    assert (statement.account, statement.currency) == ("DE89370400440532013000", "EUR")
    assert statement.bank_statement_id == "STMT-20260302-0001"
    assert statement.opening == BankStatementBalance(1250000, "EUR", date(2026, 3, 1))
    assert statement.closing == BankStatementBalance(1418975, "EUR", date(2026, 3, 2))
    assert statement.period == (date(2026, 3, 2), date(2026, 3, 2))
    day, next_day = date(2026, 3, 2), date(2026, 3, 3)
    assert statement.entries == (
        BankStatementEntry(
            day, day, CREDIT, 119000, "EUR", "E2E-ACME-0001", "RCN-2026-000001 thank you",
            "2026030200001", "Acme Trading Ltd", "DE44500105175407324931",
        ),
        BankStatementEntry(
            day, next_day, CREDIT, 50000, "EUR", "RF18539007547034", "RF18539007547034",
            "2026030200002-1", "Brightside GmbH", "DE02120300000000202051",
        ),
        BankStatementEntry(
            day, next_day, CREDIT, 25050, "EUR", "PO-88231", "Order PO-88231 second half",
            "2026030200002-2", "Cobalt Retail SA", None,
        ),
        BankStatementEntry(
            day, day, DEBIT, 25075, "EUR", "SUP-2026-117", "Invoice 2026-117",
            "2026030200003", "Office Supplies KG", "DE75512108001245126199",
        ),
    )  # fmt: skip


def test_a_camt053_v08_statement_reads_party_names_status_codes_and_booking_timestamps() -> None:
    statement = parse_bank_statement(fixture("camt053_v08.xml"))

    # A negative opening balance (DBIT) plus one credit of 3,070.01 closes at 3,020.01.
    assert statement.opening == BankStatementBalance(-5000, "EUR", date(2026, 3, 5))
    assert statement.closing == BankStatementBalance(302001, "EUR", date(2026, 3, 5))
    assert statement.entries == (
        BankStatementEntry(
            date(2026, 3, 5), date(2026, 3, 5), CREDIT, 307001, "EUR", "DUNE-INV-4471",
            "Payment invoices RCN-2026-000002 and RCN-2026-000003", "ING-8812034",
            "Dune Logistics B.V.", "NL20INGB0001234567",
        ),
    )  # fmt: skip


def test_an_mt940_statement_is_read_with_its_structured_details_and_reversal_marks() -> None:
    statement = parse_bank_statement(fixture("mt940_sample.sta"))

    assert statement.statement_format is StatementFormat.MT940
    assert (statement.account, statement.bank_statement_id) == (
        "DE89370400440532013000",
        "STMT20260302",
    )
    assert statement.opening == BankStatementBalance(1250000, "EUR", date(2026, 3, 1))
    assert statement.closing == BankStatementBalance(1420209, "EUR", date(2026, 3, 3))
    mar2, mar3 = date(2026, 3, 2), date(2026, 3, 3)
    assert statement.entries == (
        BankStatementEntry(
            mar2, mar2, CREDIT, 119000, "EUR", "E2E-ACME-0001", "RCN-2026-000001 thank you",
            "2026030200001", "Acme Trading Ltd", "DE44500105175407324931",
        ),
        # Booked on 03-03 (the MMDD after the value date), one decimal digit: 750.50.
        BankStatementEntry(
            mar3, mar2, CREDIT, 75050, "EUR", None, "Brightside GmbH PO-88231 RF18539007547034",
            "2026030200002",
        ),
        BankStatementEntry(
            mar2, mar2, DEBIT, 25075, "EUR", "SUP-2026-117", "Office Supplies KG Invoice 2026-117",
            "2026030200003",
        ),
        # RD: a reversed debit brings money back in.
        BankStatementEntry(
            mar3, mar3, CREDIT, 1234, "EUR", None, "Reversal of fee charged in error",
            "2026030300001",
        ),
    )  # fmt: skip


def test_a_csv_statement_takes_signed_amounts_at_each_currency_scale() -> None:
    statement = parse_bank_statement(fixture("statement.csv"))

    mar2, mar3 = date(2026, 3, 2), date(2026, 3, 3)
    assert statement.currency is None  # EUR and JPY lines
    assert statement.entries == (
        BankStatementEntry(
            mar2, None, CREDIT, 119000, "EUR", "RCN-2026-000001", None, None, "Acme Trading Ltd",
            "DE44 5001 0517 5407 3249 31",
        ),
        BankStatementEntry(
            mar2, None, DEBIT, 25075, "EUR", "SUP-2026-117", None, None, "Office Supplies KG",
            "DE75512108001245126199",
        ),
        BankStatementEntry(mar3, None, CREDIT, 1, "EUR", None, None, None, "Smith, John", None),
        BankStatementEntry(
            mar3, None, CREDIT, 15000, "JPY", "JP-ORDER-77", None, None, "Kaito Trading KK", None
        ),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("camt053_v02.xml", StatementFormat.CAMT053),
        ("camt053_v08.xml", StatementFormat.CAMT053),
        ("mt940_sample.sta", StatementFormat.MT940),
        ("statement.csv", StatementFormat.CSV),
    ],
)
def test_the_format_is_told_by_how_the_file_starts(name: str, expected: StatementFormat) -> None:
    assert detect_format(fixture(name)) is expected


def test_a_semicolon_separated_csv_with_a_byte_order_mark_is_read_too() -> None:
    content = "\ufeffDATE;Amount;Currency;Reference\n2026-04-01;-0.10;usd;X-1\n".encode()

    [entry] = parse_bank_statement(content).entries

    assert (entry.direction, entry.amount, entry.currency, entry.reference) == (
        DEBIT,
        10,
        "USD",
        "X-1",
    )
