"""A simple CSV statement: a header row, then one booked line per row.

Columns, in any order, separated by "," or ";": date, amount, currency (required), reference,
counterparty_name, counterparty_iban, and optionally value_date, bank_reference, remittance.
Dates are YYYY-MM-DD; amounts are signed decimals with a point ("-250.75" is money out).
"""

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
from ledgerflow_platform.tables.formulas import MAY_START_FORMULA, formula_in
from ledgerflow_platform.tables.reading import (
    NotText,
    TableFormat,
    TableRow,
    TableTooLong,
    UnreadableTable,
    UnsupportedTable,
    read_rows,
)

CSV = StatementFormat.CSV
# A month of a busy account; the file is read no further than this.
MAX_LINES = 100_000
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


def _refuse_formulas(header: list[str], row: TableRow) -> None:
    """A statement names payers and remittances as the payer wrote them: a cell a spreadsheet
    would run is refused, as every import refuses it."""
    for column, cell in zip(header, row.cells, strict=True):
        if cell[:1] in MAY_START_FORMULA and (refusal := formula_in(cell)):
            raise MalformedBankStatement(CSV, f"line {row.line}, column {column}", refusal)


def parse(content: bytes) -> ParsedBankStatement:
    found = read_rows(content, max_rows=MAX_LINES, formats=(TableFormat.CSV,), delimiters=",;")
    entries = []
    try:
        first = next(found, None)
        header = _header(list(first.cells) if first is not None else [])
        for row in found:
            if row.blank:
                continue
            if len(row.cells) != len(header):
                problem = f"{len(row.cells)} columns, the header has {len(header)}"
                raise MalformedBankStatement(CSV, f"line {row.line}", problem)
            entry = _entry(dict(zip(header, row.cells, strict=True)), row.line)
            # after the entry: a signed amount that is no number is named as a bad amount
            _refuse_formulas(header, row)
            entries.append(entry)
    except NotText as exc:
        where = f"byte {exc.offset + 1}"
        raise MalformedBankStatement(CSV, where, "the file is not UTF-8 text") from None
    except UnreadableTable as exc:
        where = f"line {exc.line}" if exc.line else "file"
        raise MalformedBankStatement(CSV, where, exc.message) from None
    except (TableTooLong, UnsupportedTable) as exc:
        raise MalformedBankStatement(CSV, "file", exc.message) from None
    if not entries:
        raise MalformedBankStatement(CSV, "file", "there are no lines below the header")
    currencies = {e.currency for e in entries}
    only = currencies.pop() if len(currencies) == 1 else None
    return ParsedBankStatement(CSV, None, only, None, None, None, tuple(entries))
