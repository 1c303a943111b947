"""Bank reconciliation: which recorded movement each statement line is, or why it is none.

Incoming credits are compared with the payments recorded, outgoing debits with the refunds
paid. For each line, in booking order:
1. a line matched before (by an earlier run) keeps its payment or refund;
2. movements linked to the line by reference - their reference, or the number of an invoice
   a payment settled, is a word of the line's reference or remittance text (a reference of
   six characters or more also counts inside a word, or written in groups, if the amounts
   agree) - in the line's currency, dated within the window of its booking date: one of
   equal amount not yet matched to another line -> matched; equal amount but every such one
   already matched -> duplicate; only other amounts -> amount_mismatch (both amounts shown);
3. otherwise, if the line names one customer - for a credit an invoice number in its text,
   else the account fingerprint registered for exactly one customer, else the payer's name
   equal (payer_names.py) to the legal name or an alias of exactly one customer - that
   customer's unmatched movement of the same amount in the window -> matched; for a credit
   with none, proposed: the payment the ledger should record (made real when the run creates
   them);
4. otherwise, by amount in the window alone: a debit matches the one refund of its amount paid
   then (we paid it; two such refunds -> unmatched, several_candidates); a debit with none is
   not_applicable (money paid out for something else). A credit is unmatched, saying why: no
   payment of its amount in the window, one (unconfirmed: nothing names its payer) or several.
   A credit is never matched on amount and date alone: with no reference or payer it is no
   proof that this payer paid.
Every line that is not matched says why (Reason) and, where amounts differ, by how much.
"""

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.bank_reconciliation.bank_statement import BankLine, Direction
from ledger_svc.domain.bank_reconciliation.payer_names import name_key
from ledger_svc.domain.bank_reconciliation.reconciliation import LineOutcome, Outcome, Reason
from ledgerflow_platform.errors import DomainError

# Shorter references ("42", "ABC") turn up inside unrelated remittance text by chance.
MIN_EMBEDDED_REFERENCE = 6
MAX_DATE_WINDOW_DAYS = 31
_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9\-/._]*[A-Z0-9]")
# Candidates a note lists by id; more are counted.
_LISTED = 5


class InvalidDateWindow(DomainError):
    """A matching window of negative days, or wider than a month."""

    def __init__(self, days: int) -> None:
        super().__init__(
            f"date_window_days must be 0 to {MAX_DATE_WINDOW_DAYS}, not {days}.",
            field="date_window_days",
        )


@dataclass(frozen=True)
class RecordedMovement:
    """A payment received (or refund paid) as the ledger recorded it, to compare with lines."""

    id: str
    customer_id: str
    currency: str
    amount: int
    on: date
    reference: str | None
    invoice_numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnownInvoice:
    """An invoice a remittance text may name, and whose it is."""

    id: str
    number: str
    customer_id: str


@dataclass(frozen=True)
class LedgerFacts:
    """What the ledger knows that a statement is reconciled against."""

    payments: Sequence[RecordedMovement]
    refunds: Sequence[RecordedMovement]
    matched_lines: Mapping[str, str]  # payment or refund id -> the line matched to it earlier
    invoices: Mapping[str, KnownInvoice]  # by number, upper case
    customers_by_account: Mapping[str, tuple[str, ...]]  # account fingerprint -> customers
    account_currencies: Mapping[str, str]  # customer id -> the currency of their account
    # payer name key (payer_names.name_key) -> customers with that legal name or alias
    customers_by_name: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


class _Run:
    """One reconciliation in progress: which movement each line has taken so far."""

    def __init__(self, facts: LedgerFacts, window_days: int) -> None:
        self.facts = facts
        self.window_days = window_days
        self.matched = dict(facts.matched_lines)  # movement id -> line id
        self.earlier = {line: movement for movement, line in facts.matched_lines.items()}
        self.by_id = {m.id: m for m in (*facts.payments, *facts.refunds)}
        self.refund_ids = {r.id for r in facts.refunds}
        # Indexes, so a statement of thousands of lines is not compared with every movement.
        self.by_word: dict[tuple[bool, str], list[RecordedMovement]] = defaultdict(list)
        self.by_amount: dict[tuple[bool, str, int], list[RecordedMovement]] = defaultdict(list)
        for credit, movements in ((True, facts.payments), (False, facts.refunds)):
            for m in movements:
                self.by_amount[credit, m.currency, m.amount].append(m)
                for word in {_compact(m.reference), *(n.upper() for n in m.invoice_numbers)}:
                    if word:
                        self.by_word[credit, word].append(m)

    def near(self, line: BankLine, movement: RecordedMovement) -> bool:
        return abs((movement.on - line.booking_date).days) <= self.window_days

    def outcome(
        self,
        line: BankLine,
        outcome: Outcome,
        movement: RecordedMovement,
        note: str | None = None,
        reason: Reason | None = None,
    ) -> LineOutcome:
        is_refund = movement.id in self.refund_ids
        return LineOutcome(
            line.id,
            outcome,
            payment_id=None if is_refund else movement.id,
            refund_id=movement.id if is_refund else None,
            recorded_amount=movement.amount,
            customer_id=movement.customer_id,
            note=note,
            reason=reason,
        )

    def take(
        self, line: BankLine, movement: RecordedMovement, note: str | None = None
    ) -> LineOutcome:
        self.matched[movement.id] = line.id
        return self.outcome(line, Outcome.MATCHED, movement, note)

    def free(self, line: BankLine, credit: bool) -> list[RecordedMovement]:
        """Movements of the line's amount and currency in its window, not matched yet."""
        same = self.by_amount.get((credit, line.currency, line.amount), ())
        return [m for m in same if self.near(line, m) and m.id not in self.matched]


def reference_tokens(line: BankLine) -> set[str]:
    """The words of a line's reference and remittance text that could be a reference."""
    return set(_TOKEN.findall(f"{line.reference or ''} {line.remittance or ''}".upper()))


def _compact(text: str | None) -> str:
    return "".join((text or "").split()).upper()


def _linked(line: BankLine, credit: bool, tokens: set[str], run: _Run) -> list[RecordedMovement]:
    """Movements in the line's currency and window that its reference or remittance names."""
    found = {m.id: m for word in tokens for m in run.by_word.get((credit, word), ())}
    text = _compact(line.reference) + _compact(line.remittance)
    for m in run.by_amount.get((credit, line.currency, line.amount), ()):
        ref = _compact(m.reference)
        if len(ref) >= MIN_EMBEDDED_REFERENCE and ref in text:
            found[m.id] = m
    return [m for m in found.values() if m.currency == line.currency and run.near(line, m)]


def _nearest(line: BankLine, movements: Sequence[RecordedMovement]) -> RecordedMovement:
    return min(
        movements,
        key=lambda m: (abs((m.on - line.booking_date).days), abs(m.amount - line.amount), m.id),
    )


def _named_customer(
    line: BankLine, tokens: set[str], run: _Run
) -> tuple[str | None, KnownInvoice | None, str | None]:
    """(the customer the line names, the invoice that names them, why it names no one)."""
    invoices = [run.facts.invoices[t] for t in sorted(tokens) if t in run.facts.invoices]
    if line.direction is Direction.CREDIT:
        if len({i.customer_id for i in invoices}) > 1:
            return None, None, "its text names invoices of more than one customer"
        if invoices:
            return invoices[0].customer_id, invoices[0], None
    known = run.facts.customers_by_account.get(line.counterparty_iban_hash or "", ())
    if len(known) > 1:
        return None, None, "the account is registered for more than one customer"
    if known:
        return known[0], None, None
    named = run.facts.customers_by_name.get(name_key(line.counterparty_name or ""), ())
    if len(named) > 1:
        return None, None, "the payer's name is that of more than one customer"
    return (named[0] if named else None), None, None


def _money(minor: int, line: BankLine) -> str:
    return f"{format_amount(minor, line.currency)} {line.currency}"


def _ids(movements: Sequence[RecordedMovement]) -> str:
    listed = ", ".join(m.id for m in movements[:_LISTED])
    more = len(movements) - _LISTED
    return listed + (f" and {more} more" if more > 0 else "")


def _by_amount_alone(line: BankLine, run: _Run) -> LineOutcome | None:
    """Step 4 of the module docstring; None for a debit that matches no refund."""
    credit = line.direction is Direction.CREDIT
    free = sorted(run.free(line, credit), key=lambda m: (m.on, m.id))
    kind = "payment" if credit else "refund"
    window = f"within {run.window_days} days of {line.booking_date}"
    if len(free) > 1:
        note = (
            f"{len(free)} {kind}s of {_money(line.amount, line)} {window} ({_ids(free)}); "
            "nothing on the line says which: match it by hand"
        )
        return LineOutcome(line.id, Outcome.UNMATCHED, note=note, reason=Reason.SEVERAL_CANDIDATES)
    if not credit:
        if free:
            note = f"the only refund of {_money(line.amount, line)} paid {window}"
            return run.take(line, free[0], note)
        return None
    if free:
        note = (
            f"one payment of {_money(line.amount, line)} {window} ({free[0].id}), but nothing "
            "on the line names its payer: match it by hand"
        )
        return LineOutcome(
            line.id, Outcome.UNMATCHED, note=note, reason=Reason.UNCONFIRMED_CANDIDATE
        )
    note = f"no payment of {_money(line.amount, line)} recorded {window}"
    return LineOutcome(line.id, Outcome.UNMATCHED, note=note, reason=Reason.NO_CANDIDATE)


def _reconcile(line: BankLine, run: _Run) -> LineOutcome | None:
    """Steps 1 to 3 of the module docstring; None if the line names no one."""
    if (earlier := run.earlier.get(line.id)) is not None:
        note = "matched by an earlier reconciliation"
        if (known := run.by_id.get(earlier)) is not None:
            return run.outcome(line, Outcome.MATCHED, known, note)
        return LineOutcome(line.id, Outcome.MATCHED, payment_id=earlier, note=note)
    credit = line.direction is Direction.CREDIT
    tokens = reference_tokens(line)
    linked = _linked(line, credit, tokens, run)
    exact = [m for m in linked if m.amount == line.amount]
    if free := [m for m in exact if m.id not in run.matched]:
        return run.take(line, _nearest(line, free))
    if exact:
        other = _nearest(line, exact)
        note = f"already matched to statement line {run.matched[other.id]}"
        return run.outcome(line, Outcome.DUPLICATE, other, note, Reason.ALREADY_MATCHED)
    if linked:
        named = _nearest(line, linked)
        note = (
            f"amount differs by {_money(abs(line.amount - named.amount), line)}: the line is "
            f"{_money(line.amount, line)}, {named.id} was recorded for {_money(named.amount, line)}"
        )
        return run.outcome(line, Outcome.AMOUNT_MISMATCH, named, note, Reason.AMOUNT_DIFFERS)
    customer_id, invoice, why_not = _named_customer(line, tokens, run)
    if why_not is not None:
        return LineOutcome(line.id, Outcome.UNMATCHED, note=why_not, reason=Reason.AMBIGUOUS_PAYER)
    if customer_id is None:
        return _by_amount_alone(line, run)
    if (currency := run.facts.account_currencies.get(customer_id)) != line.currency:
        note = f"the customer's account is kept in {currency}, the line is in {line.currency}"
        return LineOutcome(
            line.id,
            Outcome.UNMATCHED,
            customer_id=customer_id,
            note=note,
            reason=Reason.CURRENCY_DIFFERS,
        )
    theirs = [m for m in run.free(line, credit) if m.customer_id == customer_id]
    if theirs:
        return run.take(line, _nearest(line, theirs))
    if not credit:
        return None
    return LineOutcome(
        line.id,
        Outcome.PROPOSED,
        recorded_amount=line.amount,
        customer_id=customer_id,
        invoice_id=invoice.id if invoice else None,
        payment_reference=invoice.number if invoice else (line.reference or line.bank_reference),
        reason=Reason.NEW_PAYMENT,
    )


def _not_ours(outcome: LineOutcome | None) -> bool:
    """A debit that names no refund is money paid out for something else: not ours to
    reconcile; one that could be either of two refunds is, and stays unmatched."""
    if outcome is None:
        return True
    return outcome.outcome is Outcome.UNMATCHED and outcome.reason is not Reason.SEVERAL_CANDIDATES


def reconcile_lines(
    lines: Sequence[BankLine], facts: LedgerFacts, *, window_days: int
) -> list[LineOutcome]:
    """Each line's outcome, in the order of `lines`; see the module docstring."""
    if not 0 <= window_days <= MAX_DATE_WINDOW_DAYS:
        raise InvalidDateWindow(window_days)
    run = _Run(facts, window_days)
    found: dict[str, LineOutcome] = {}
    for line in sorted(lines, key=lambda x: (x.booking_date, x.position)):
        outcome = _reconcile(line, run)
        if line.direction is Direction.DEBIT and _not_ours(outcome):
            note = "money paid out that matches no refund the ledger recorded"
            outcome = LineOutcome(line.id, Outcome.NOT_APPLICABLE, note=note)
        assert outcome is not None, "every credit ends matched, proposed or unmatched"
        found[line.id] = outcome
    return [found[line.id] for line in lines]
