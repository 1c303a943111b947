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
    return readers[statement_format](content)
