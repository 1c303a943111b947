"""A bank statement as the bank sent it: the booked movements of money in and out of one account.

The same file imported twice adds nothing. A file is known by the SHA-256 of its bytes; each
line by a natural key: our account, booking date, direction, amount, currency, the payer's
reference, the bank's own id for the line, and its occurrence among identical lines of the
file (two equal transfers on one day are two lines, and a later file repeating both adds
neither). So a statement that overlaps an earlier one adds only the lines that are new.

Bank account numbers of payers are personal data: the ledger keeps only a fingerprint (to
recognise a known payer) and a mask for display, never the number itself.
"""

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ledger_svc.domain.bank_reconciliation.bank_accounts import AccountFingerprints, mask_iban
from ledgerflow_events import money
from ledgerflow_platform.errors import DomainError

# Large enough for a month of a busy account's camt.053; a bigger file is split by the bank.
MAX_BANK_STATEMENT_BYTES = 10 * 1024 * 1024


# Named StatementFormat, not BankStatementFormat: the name is a schema of the OpenAPI document.
class StatementFormat(StrEnum):
    """The file formats banks deliver statements in."""

    CAMT053 = "camt053"  # ISO 20022 BankToCustomerStatement XML
    MT940 = "mt940"  # SWIFT customer statement message
    CSV = "csv"  # date, amount, currency, reference, counterparty_name, counterparty_iban


class Direction(StrEnum):
    """Whether a line brought money in (credit) or took it out (debit) of our account."""

    CREDIT = "credit"
    DEBIT = "debit"


class MalformedBankStatement(DomainError):
    """A file that cannot be read as its format; `where` names the line or element at fault."""

    def __init__(self, statement_format: StatementFormat, where: str, problem: str) -> None:
        super().__init__(f"{statement_format.value} {where}: {problem}", field="file")
        self.statement_format = statement_format
        self.where = where
        self.problem = problem


class BankStatementFileTooLarge(DomainError):
    """A statement file above the size the ledger reads in one request."""

    def __init__(self) -> None:
        limit = MAX_BANK_STATEMENT_BYTES // (1024 * 1024)
        super().__init__(f"A statement file may be at most {limit} MiB.", field="file")


class BankStatementNotFound(DomainError):
    """No imported bank statement has this id."""

    def __init__(self, statement_id: str) -> None:
        super().__init__(f"No bank statement with id {statement_id}.")
        self.statement_id = statement_id


@dataclass(frozen=True)
class BankStatementEntry:
    """One booked movement as the file states it; amount in minor units, always above zero."""

    booking_date: date
    value_date: date | None
    direction: Direction
    amount: int
    currency: str
    reference: str | None = None  # the payer's reference: end-to-end id, customer reference
    remittance: str | None = None  # what the payer wrote: invoice numbers, free text
    bank_reference: str | None = None  # the bank's own id for the line
    counterparty_name: str | None = None
    counterparty_iban: str | None = None

    @property
    def signed_amount(self) -> int:
        return self.amount if self.direction is Direction.CREDIT else -self.amount


@dataclass(frozen=True)
class BankStatementBalance:
    """A balance the bank states: signed minor units on a date."""

    amount: int
    currency: str
    on: date


@dataclass(frozen=True)
class ParsedBankStatement:
    """What a statement file says, checked: its balances add up to its movements."""

    statement_format: StatementFormat
    account: str | None
    currency: str | None
    bank_statement_id: str | None
    opening: BankStatementBalance | None
    closing: BankStatementBalance | None
    entries: tuple[BankStatementEntry, ...]
    # The period the file says it covers (camt.053 FrToDt), where it says so.
    declared_from: date | None = None
    declared_to: date | None = None

    @property
    def period(self) -> tuple[date | None, date | None]:
        """The period the file declares; else the booking dates it covers; a statement
        without movements, its balances' dates."""
        if self.declared_from is not None and self.declared_to is not None:
            return self.declared_from, self.declared_to
        days = [e.booking_date for e in self.entries]
        if days:
            return min(days), max(days)
        return (self.opening.on if self.opening else None), (
            self.closing.on if self.closing else None
        )


def ensure_balances_add_up(
    statement_format: StatementFormat,
    where: str,
    opening: BankStatementBalance | None,
    entries: Iterable[BankStatementEntry],
    closing: BankStatementBalance | None,
) -> None:
    """Opening balance plus the movements in its currency must give the closing balance."""
    if opening is None or closing is None:
        return
    if opening.currency != closing.currency:
        problem = f"opening balance in {opening.currency}, closing in {closing.currency}"
        raise MalformedBankStatement(statement_format, where, problem)
    moved = sum(e.signed_amount for e in entries if e.currency == opening.currency)
    if opening.amount + moved != closing.amount:

        def show(minor: int) -> str:
            return f"{money.format_minor(minor, opening.currency)} {opening.currency}"

        raise MalformedBankStatement(
            statement_format,
            where,
            f"opening balance {show(opening.amount)} plus movements {show(moved)} is "
            f"{show(opening.amount + moved)}, but the closing balance is {show(closing.amount)}",
        )


def line_keys(account: str | None, entries: Sequence[BankStatementEntry]) -> list[str]:
    """The natural key of each entry, in order; see the module docstring."""
    seen: Counter[tuple[str, ...]] = Counter()
    keys = []
    for e in entries:
        fields = (
            account or "",
            e.booking_date.isoformat(),
            e.direction.value,
            str(e.amount),
            e.currency,
            " ".join((e.reference or "").split()).upper(),
            e.bank_reference or "",
        )
        occurrence = seen[fields]
        seen[fields] += 1
        keys.append(hashlib.sha256("|".join((*fields, str(occurrence))).encode()).hexdigest())
    return keys


@dataclass(frozen=True)
class BankLine:
    """A statement line as the ledger keeps it: the payer's account only fingerprinted."""

    id: str
    position: int
    booking_date: date
    value_date: date | None
    direction: Direction
    amount: int
    currency: str
    reference: str | None
    remittance: str | None
    bank_reference: str | None
    counterparty_name: str | None
    counterparty_iban_hash: str | None
    counterparty_iban_masked: str | None


def bank_line(
    line_id: str, position: int, entry: BankStatementEntry, fingerprints: AccountFingerprints
) -> BankLine:
    """A statement entry as the ledger keeps it: the payer's account only as fingerprint and
    mask."""
    iban = entry.counterparty_iban
    return BankLine(
        line_id,
        position,
        entry.booking_date,
        entry.value_date,
        entry.direction,
        entry.amount,
        entry.currency,
        entry.reference,
        entry.remittance,
        entry.bank_reference,
        entry.counterparty_name,
        fingerprints.of(iban) if iban else None,
        mask_iban(iban) if iban else None,
    )


@dataclass(frozen=True)
class BankStatement:
    """An imported statement file and the lines it added to the ledger's bank record."""

    id: str
    statement_format: StatementFormat
    file_sha256: str
    filename: str | None
    account: str | None
    currency: str | None
    bank_statement_id: str | None
    period_from: date | None
    period_to: date | None
    opening_balance: int | None
    closing_balance: int | None
    imported_at: datetime
    lines_already_imported: int
    lines: tuple[BankLine, ...]
