"""Every malformed statement is refused naming the line or element at fault and what is wrong."""

from pathlib import Path

import pytest

from ledger_svc.adapters.bank_reconciliation.bank_statement_parsers import parse_bank_statement
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    MalformedBankStatement,
    StatementFormat,
)

FIXTURES = Path(__file__).parents[2] / "fixtures"
# Bytes decoded as they are: the MT940 sample keeps its CR LF line ends.
CAMT = (FIXTURES / "camt053_v02.xml").read_bytes().decode()
MT940 = (FIXTURES / "mt940_sample.sta").read_bytes().decode()
CSV = (FIXTURES / "statement.csv").read_bytes().decode()
STMT = "Document/BkToCstmrStmt/Stmt[1]"


def changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the sample"
    return text.replace(old, new)


CAMT_CASES = {
    "truncated": (CAMT[:400], "line 12, column 4", "not well-formed XML"),
    "another message": (
        CAMT.replace("camt.053.001.02", "camt.054.001.02"),
        "Document",
        "{urn:iso:std:iso:20022:tech:xsd:camt.054.001.02}Document is not a camt.053 document",
    ),
    "thousands separator": (
        changed(CAMT, ">1190.00<", ">1,190.00<"),
        f"{STMT}/Ntry[1]/Amt",
        "'1,190.00' is not an amount",
    ),
    "a tenth of a cent": (
        changed(CAMT, ">1190.00<", ">1190.001<"),
        f"{STMT}/Ntry[1]/Amt",
        "1190.001 has more than 2 decimals for EUR",
    ),
    "unknown currency": (
        changed(CAMT, '<Amt Ccy="EUR">1190.00', '<Amt Ccy="EUX">1190.00'),
        f"{STMT}/Ntry[1]/Amt",
        "'EUX' is not an ISO 4217 currency code",
    ),
    "no direction": (
        changed(CAMT, "<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>DBT</CdtDbtInd>"),
        f"{STMT}/Ntry[3]/CdtDbtInd",
        "'DBT' is neither CRDT nor DBIT",
    ),
    "impossible date": (
        changed(CAMT, "<ValDt><Dt>2026-03-02</Dt></ValDt>\n        <AcctSvcrRef>2026030200003",
                "<ValDt><Dt>2026-02-30</Dt></ValDt>\n        <AcctSvcrRef>2026030200003"),
        f"{STMT}/Ntry[3]/ValDt",
        "'2026-02-30' is not a date (YYYY-MM-DD)",
    ),
    "batch not adding up": (
        changed(CAMT, ">250.50<", ">250.49<"),
        f"{STMT}/Ntry[2]/NtryDtls",
        "its 2 transactions add up to 750.49 EUR, the entry to 750.50 EUR",
    ),
    "closing balance off by a cent": (
        changed(CAMT, ">14189.75<", ">14189.76<"),
        f"{STMT}/Bal",
        "opening balance 12500.00 EUR plus movements 1689.75 EUR is 14189.75 EUR, "
        "but the closing balance is 14189.76 EUR",
    ),
    "entity declaration": (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&a;</Document>',
        "DOCTYPE",
        "entity declarations are refused",
    ),
    "no statement": (
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt/>'
        "</Document>",
        "Document/BkToCstmrStmt/Stmt",
        "is missing",
    ),
}  # fmt: skip

MT940_CASES = {
    "letter in an amount": (
        changed(MT940, ":61:2603020302C1190,00", ":61:2603020302C11a90,00"),
        "line 6 (:61:)",
        "expected YYMMDD[MMDD], C|D|RC|RD, amount with a decimal comma, type code",
    ),
    "month 13": (
        changed(MT940, ":61:2603020302C1190,00", ":61:2613020302C1190,00"),
        "line 6 (:61:)",
        "261302 is not a date (YYMMDD)",
    ),
    "a tenth of a cent": (
        changed(MT940, ":61:2603020302C1190,00", ":61:2603020302C1190,001"),
        "line 6 (:61:)",
        "1190.001 has more than 2 decimals for EUR",
    ),
    "no closing balance": (
        changed(MT940, ":62F:C260303EUR14202,09\r\n", ""),
        "statement starting line 2",
        "needs one :62F: (closing balance)",
    ),
    "closing balance off by a cent": (
        changed(MT940, ":62F:C260303EUR14202,09", ":62F:C260303EUR14202,10"),
        "line 15 (:62F:)",
        "opening balance 12500.00 EUR plus movements 1702.09 EUR is 14202.09 EUR, "
        "but the closing balance is 14202.10 EUR",
    ),
    "opening balance in no currency": (
        changed(MT940, ":60F:C260301EUR12500,00", ":60F:C260301EURO12500,00"),
        "line 5 (:60F:)",
        "expected C|D, YYMMDD, currency, amount",
    ),
    "no transaction reference": (
        changed(MT940, ":20:STMT20260302\r\n", ""),
        "line 1",
        "an MT940 statement starts with :20:",
    ),
}

CSV_CASES = {
    "no amount column": (
        "date,currency,reference\n2026-03-02,EUR,X\n",
        "line 1",
        "the header has no amount column",
    ),
    "unknown column": (
        "date,amount,currency,memo\n2026-03-02,1.00,EUR,x\n",
        "line 1",
        "unknown column memo",
    ),
    "day first date": (
        changed(CSV, "2026-03-02,1190.00", "02.03.2026,1190.00"),
        "line 2, column date",
        "'02.03.2026' is not a date (YYYY-MM-DD)",
    ),
    "letter in an amount": (
        changed(CSV, "-250.75", "-250.7a"),
        "line 3, column amount",
        "'250.7a' is not an amount",
    ),
    "a tenth of a cent": (
        changed(CSV, "0.01,EUR", "0.011,EUR"),
        "line 4, column amount",
        "0.011 has more than 2 decimals for EUR",
    ),
    "zero": (
        changed(CSV, "0.01,EUR", "0.00,EUR"),
        "line 4, column amount",
        "a line of zero moves no money",
    ),
    "unknown currency": (
        changed(CSV, "15000,JPY", "15000,YEN"),
        "line 5, column currency",
        "'YEN' is not an ISO 4217 currency code",
    ),
    "a column too many": (
        changed(CSV, "Kaito Trading KK,", "Kaito Trading KK,,extra"),
        "line 5",
        "7 columns, the header has 6",
    ),
    "only a header": ("date,amount,currency\n\n", "file", "there are no lines below the header"),
}


@pytest.mark.parametrize(("content", "where", "problem"), CAMT_CASES.values(), ids=CAMT_CASES)
def test_a_malformed_camt053_names_the_element_at_fault(
    content: str, where: str, problem: str
) -> None:
    with pytest.raises(MalformedBankStatement) as refused:
        parse_bank_statement(content.encode(), StatementFormat.CAMT053)
    assert (refused.value.where, refused.value.problem) == (where, problem)


@pytest.mark.parametrize(("content", "where", "problem"), MT940_CASES.values(), ids=MT940_CASES)
def test_a_malformed_mt940_names_the_line_at_fault(content: str, where: str, problem: str) -> None:
    with pytest.raises(MalformedBankStatement) as refused:
        parse_bank_statement(content.encode(), StatementFormat.MT940)
    assert (refused.value.where, refused.value.problem) == (where, problem)


@pytest.mark.parametrize(("content", "where", "problem"), CSV_CASES.values(), ids=CSV_CASES)
def test_a_malformed_csv_names_the_line_and_column_at_fault(
    content: str, where: str, problem: str
) -> None:
    with pytest.raises(MalformedBankStatement) as refused:
        parse_bank_statement(content.encode(), StatementFormat.CSV)
    assert (refused.value.where, refused.value.problem) == (where, problem)


def test_a_csv_that_is_not_utf8_names_the_first_bad_byte() -> None:
    with pytest.raises(MalformedBankStatement) as refused:
        parse_bank_statement(b"date,amount,currency\n2026-03-02,1.00,EU\xff\n")
    assert (refused.value.where, refused.value.problem) == ("byte 40", "the file is not UTF-8 text")


def test_an_empty_file_is_refused_as_empty() -> None:
    with pytest.raises(MalformedBankStatement) as refused:
        parse_bank_statement(b"  \n", StatementFormat.MT940)
    assert str(refused.value) == "mt940 file: the file is empty"


FORMULA = "would run as a formula in a spreadsheet; start it with an apostrophe if it is text."
FORMULA_CASES = {
    "csv reference": (
        changed(CSV, "SUP-2026-117", "=HYPERLINK(1)"),
        StatementFormat.CSV,
        "line 3, column reference",
        f"'=HYPERLINK(1)' {FORMULA}",
    ),
    "csv payer, full-width plus": (
        changed(CSV, "Kaito Trading KK", "\uff0bKaito"),
        StatementFormat.CSV,
        "line 5, column counterparty_name",
        f"'\uff0bKaito' {FORMULA}",
    ),
    "camt053 payer": (
        changed(CAMT, "<Nm>Acme Trading Ltd</Nm>", "<Nm>@SUM(A1)</Nm>"),
        StatementFormat.CAMT053,
        "entry 1, counterparty_name",
        f"'@SUM(A1)' {FORMULA}",
    ),
    "camt053 remittance": (
        changed(CAMT, "RCN-2026-000001 thank you", "-cmd thank you"),
        StatementFormat.CAMT053,
        "entry 1, remittance",
        f"'-cmd thank you' {FORMULA}",
    ),
}


@pytest.mark.parametrize(
    ("content", "statement_format", "where", "problem"),
    FORMULA_CASES.values(),
    ids=FORMULA_CASES,
)
def test_text_a_spreadsheet_would_run_is_refused_in_every_format(
    content: str, statement_format: StatementFormat, where: str, problem: str
) -> None:
    with pytest.raises(MalformedBankStatement) as refused:
        parse_bank_statement(content.encode(), statement_format)
    assert (refused.value.where, refused.value.problem) == (where, problem)
