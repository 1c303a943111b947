"""SWIFT MT940 customer statements, details read with the mt-940 package.

The package reads the :86: details (free text, or the ?20..?32 sub-fields of German and Dutch
banks: purpose, end-to-end reference, payer name and IBAN) but forgives a malformed :61:
(it reads "11a90,00" as 11). So every :61: and balance is first checked here against the
SWIFT field format, and amounts and dates are taken from that check, to the cent. A file may
hold several statements (:20: blocks) of one account; each must balance on its own.
"""

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import mt940

from ledger_svc.adapters.bank_reconciliation.bank_statement_parsers.reading import amount, clean
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankStatementBalance,
    BankStatementEntry,
    Direction,
    MalformedBankStatement,
    ParsedBankStatement,
    StatementFormat,
    ensure_balances_add_up,
)

MT940 = StatementFormat.MT940
_TAG = re.compile(r"^:(\d{2}[A-Z]?|NS):(.*)$")
_BALANCE = re.compile(r"^([CD])(\d{6})([A-Z]{3})(\d{1,12},\d*)$")
_LINE = re.compile(
    r"^(?P<value>\d{6})(?P<entry>\d{4})?(?P<mark>R?[CD])(?P<funds>[A-Z])?"
    r"(?P<amount>\d{1,12},\d*)(?P<type>[NSF][A-Z0-9]{3})(?P<rest>.*)$"
)
_CREDIT_MARKS = {"C", "RD"}  # a reversed debit brings money back in


@dataclass
class _Field:
    """One tagged field of the message and the line of the file it starts on."""

    tag: str
    text: str
    line: int


def _fields(text: str) -> list[_Field]:
    fields: list[_Field] = []
    current: _Field | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if found := _TAG.match(line):
            current = _Field(found.group(1), found.group(2), number)
            fields.append(current)
        elif line.strip() in ("-", "-}", "") or line.startswith("{"):
            current = None  # block trailers and SWIFT headers are not statement data
        elif current is not None:
            current.text += "\n" + line
    return fields


def _date(where: str, yymmdd: str) -> date:
    try:
        return date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6]))
    except ValueError:
        raise MalformedBankStatement(MT940, where, f"{yymmdd} is not a date (YYMMDD)") from None


def _decimal(swift_amount: str) -> str:
    whole, _, fraction = swift_amount.partition(",")
    return f"{whole}.{fraction}" if fraction else whole


def _balance(field: _Field) -> BankStatementBalance:
    where = f"line {field.line} (:{field.tag}:)"
    if (found := _BALANCE.match(field.text.strip())) is None:
        raise MalformedBankStatement(MT940, where, "expected C|D, YYMMDD, currency, amount")
    mark, day, currency, swift_amount = found.groups()
    minor = amount(MT940, where, _decimal(swift_amount), currency)
    return BankStatementBalance(minor if mark == "C" else -minor, currency, _date(where, day))


def _booked(field: _Field, currency: str) -> BankStatementEntry:
    """The :61: line's dates, direction and amount, checked against the SWIFT format."""
    where = f"line {field.line} (:61:)"
    found = _LINE.match(field.text.split("\n", 1)[0])
    if found is None:
        problem = "expected YYMMDD[MMDD], C|D|RC|RD, amount with a decimal comma, type code"
        raise MalformedBankStatement(MT940, where, problem)
    value_date = _date(where, found["value"])
    booking_date = value_date
    if entry := found["entry"]:
        # MMDD only: the year is the value date's, unless booking crossed a year end.
        shift = {(12, 1): -1, (1, 12): 1}.get((int(entry[:2]), value_date.month), 0)
        booking_date = _date(where, f"{(value_date.year + shift) % 100:02d}{entry}")
    return BankStatementEntry(
        booking_date,
        value_date,
        Direction.CREDIT if found["mark"] in _CREDIT_MARKS else Direction.DEBIT,
        amount(MT940, where, _decimal(found["amount"]), currency),
        currency,
    )


def _with_details(booked: BankStatementEntry, details: dict[str, Any]) -> BankStatementEntry:
    customer_reference = clean(details.get("customer_reference"))
    return replace(
        booked,
        reference=clean(details.get("end_to_end_reference"))
        or (customer_reference if customer_reference != "NONREF" else None),
        remittance=clean(details.get("purpose")) or clean(details.get("transaction_details")),
        bank_reference=clean(details.get("bank_reference")),
        counterparty_name=clean(details.get("applicant_name")),
        counterparty_iban=clean(details.get("applicant_iban")),
    )


def _one(tags: dict[str, list[_Field]], names: tuple[str, ...], start: int, what: str) -> _Field:
    found = [f for name in names for f in tags.get(name, [])]
    if len(found) != 1:
        where = f"statement starting line {start}"
        raise MalformedBankStatement(MT940, where, f"needs one :{names[0]}: ({what})")
    return found[0]


def _statement(block: list[_Field]) -> ParsedBankStatement:
    start = block[0].line
    tags: dict[str, list[_Field]] = {}
    for field in block:
        tags.setdefault(field.tag, []).append(field)
    account = _one(tags, ("25",), start, "account")
    opening = _balance(_one(tags, ("60F", "60M"), start, "opening balance"))
    closing_field = _one(tags, ("62F", "62M"), start, "closing balance")
    closing = _balance(closing_field)
    booked = [_booked(f, opening.currency) for f in tags.get("61", [])]
    raw = "\n".join(f":{f.tag}:{f.text}" for f in block)
    try:
        parsed = mt940.parse(raw, options=mt940.Options.all())
    except (RuntimeError, ValueError) as exc:
        where = f"statement starting line {start}"
        raise MalformedBankStatement(MT940, where, str(exc).split("\n", 1)[0]) from None
    if len(parsed) != len(booked):
        where = f"statement starting line {start}"
        raise MalformedBankStatement(MT940, where, f"{len(booked)} :61: lines, {len(parsed)} read")
    entries = [_with_details(b, t.data) for b, t in zip(booked, parsed, strict=True)]
    where = f"line {closing_field.line} (:{closing_field.tag}:)"
    ensure_balances_add_up(MT940, where, opening, entries, closing)
    reference = _one(tags, ("20",), start, "transaction reference").text.strip()
    return ParsedBankStatement(
        MT940, account.text.strip(), opening.currency, reference, opening, closing, tuple(entries)
    )


def parse(content: bytes) -> ParsedBankStatement:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # SWIFT's character set is ASCII; Latin-1 reads the odd bank's umlauts without failing.
        text = content.decode("latin-1")
    fields = _fields(text)
    if not fields or fields[0].tag != "20":
        raise MalformedBankStatement(MT940, "line 1", "an MT940 statement starts with :20:")
    starts = [n for n, f in enumerate(fields) if f.tag == "20"] + [len(fields)]
    statements = [_statement(fields[a:b]) for a, b in itertools.pairwise(starts)]
    first, last = statements[0], statements[-1]
    for other, at in zip(statements[1:], starts[1:], strict=False):
        if other.account != first.account:
            where = f"line {fields[at].line}"
            raise MalformedBankStatement(MT940, where, "a file holds the statements of one account")
    return ParsedBankStatement(
        MT940,
        first.account,
        first.currency,
        first.bank_statement_id,
        first.opening,
        last.closing,
        tuple(e for s in statements for e in s.entries),
    )
