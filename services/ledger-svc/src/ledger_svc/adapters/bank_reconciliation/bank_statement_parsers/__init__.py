"""Reading bank statement files: camt.053 XML, SWIFT MT940 and a simple CSV.

Each parser returns a checked ParsedBankStatement or raises MalformedBankStatement naming the
line or element at fault; none writes anything, so a refused file leaves no trace.
"""

import re

from ledger_svc.adapters.bank_reconciliation.bank_statement_parsers import camt053, csv, mt940
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    MalformedBankStatement,
    ParsedBankStatement,
    StatementFormat,
)
from ledgerflow_platform.tables.formulas import MAY_START_FORMULA, formula_in

_MT940_START = re.compile(rb"^\s*(\{1:|:20:)")


def detect_format(content: bytes) -> StatementFormat:
    """The format a file is in, judged from how it starts."""
    head = content.removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<"):
        return StatementFormat.CAMT053
    if _MT940_START.match(head):
        return StatementFormat.MT940
    return StatementFormat.CSV


def parse_bank_statement(
    content: bytes, statement_format: StatementFormat | None = None
) -> ParsedBankStatement:
    statement_format = statement_format or detect_format(content)
    if not content.strip():
        raise MalformedBankStatement(statement_format, "file", "the file is empty")
    readers = {
        StatementFormat.CAMT053: camt053.parse,
        StatementFormat.MT940: mt940.parse,
        StatementFormat.CSV: csv.parse,
    }
    return _without_formulas(readers[statement_format](content))


# What the payer or the bank wrote, which reconciliation shows and exports.
_TEXT_FIELDS = ("reference", "remittance", "bank_reference", "counterparty_name")


def _without_formulas(statement: ParsedBankStatement) -> ParsedBankStatement:
    """Text a spreadsheet would run as a formula is refused in every format, as every import
    refuses it (the CSV reader names the line and column; here, the entry and field)."""
    for number, entry in enumerate(statement.entries, start=1):
        for field in _TEXT_FIELDS:
            value = getattr(entry, field) or ""
            if value[:1] in MAY_START_FORMULA and (refusal := formula_in(value)):
                where = f"entry {number}, {field}"
                raise MalformedBankStatement(statement.statement_format, where, refusal)
    return statement
