"""A simple CSV statement: a header row, then one booked line per row.

Columns, in any order, separated by "," or ";": date, amount, currency (required), reference,
counterparty_name, counterparty_iban, and optionally value_date, bank_reference, remittance.
Dates are YYYY-MM-DD; amounts are signed decimals with a point ("-250.75" is money out).
"""

import csv
import io

from ledger_svc.adapters.bank_reconciliation.bank_statement_parsers.reading import (
    amount,
    clean,
    currency,
    iso_date,
)
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankStatementEntry,
    Direction,
    MalformedBankStatement,
    ParsedBankStatement,
    StatementFormat,
)

CSV = StatementFormat.CSV
REQUIRED = ("date", "amount", "currency")
OPTIONAL = (
    "reference",
    "counterparty_name",
    "counterparty_iban",
    "value_date",
    "bank_reference",
    "remittance",
)


def _entry(row: dict[str, str], line: int) -> BankStatementEntry:
    def at(column: str) -> str:
        return f"line {line}, column {column}"

    text = row["amount"].strip()
    unsigned = text[1:] if text[:1] in ("-", "+") else text
    code = currency(CSV, at("currency"), row["currency"].strip().upper())
    minor = amount(CSV, at("amount"), unsigned, code)
    if minor == 0:
        raise MalformedBankStatement(CSV, at("amount"), "a line of zero moves no money")
    value_date = clean(row.get("value_date"))
    return BankStatementEntry(
        booking_date=iso_date(CSV, at("date"), row["date"]),
        value_date=iso_date(CSV, at("value_date"), value_date) if value_date else None,
        direction=Direction.DEBIT if text.startswith("-") else Direction.CREDIT,
        amount=minor,
        currency=code,
        reference=clean(row.get("reference")),
        remittance=clean(row.get("remittance")),
        bank_reference=clean(row.get("bank_reference")),
        counterparty_name=clean(row.get("counterparty_name")),
        counterparty_iban=clean(row.get("counterparty_iban")),
    )


def _header(cells: list[str]) -> list[str]:
    header = [cell.strip().lower() for cell in cells]
    if missing := [c for c in REQUIRED if c not in header]:
        raise MalformedBankStatement(
            CSV, "line 1", f"the header has no {', '.join(missing)} column"
        )
    if repeated := sorted({c for c in header if header.count(c) > 1}):
        raise MalformedBankStatement(CSV, "line 1", f"the header repeats {', '.join(repeated)}")
    if unknown := [c for c in header if c not in REQUIRED + OPTIONAL]:
        raise MalformedBankStatement(CSV, "line 1", f"unknown column {', '.join(unknown)}")
    return header


def parse(content: bytes) -> ParsedBankStatement:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start + 1}"
        raise MalformedBankStatement(CSV, where, "the file is not UTF-8 text") from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    entries = []
    try:
        header = _header(next(reader))
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problem = f"{len(cells)} columns, the header has {len(header)}"
                raise MalformedBankStatement(CSV, f"line {reader.line_num}", problem)
            entries.append(_entry(dict(zip(header, cells, strict=True)), reader.line_num))
    except csv.Error as exc:
        raise MalformedBankStatement(CSV, f"line {reader.line_num}", str(exc)) from None
    if not entries:
        raise MalformedBankStatement(CSV, "file", "there are no lines below the header")
    currencies = {e.currency for e in entries}
    only = currencies.pop() if len(currencies) == 1 else None
    return ParsedBankStatement(CSV, None, only, None, None, None, tuple(entries))
