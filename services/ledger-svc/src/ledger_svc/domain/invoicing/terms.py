"""Payment terms: when an invoice falls due, in one sum or in instalments, and what paying early
earns.

Every invoice keeps a schedule of one or more instalments whose amounts add up exactly to
its gross total. An instalment's share is its percentage of the total rounded down to the
minor unit; the last instalment takes the remainder, so no cent is lost or invented.
Due dates computed from terms, and the last day of an early-payment discount, roll forward
to the next business day of the configured calendar; a due date the biller gave explicitly
is kept as given.
"""

from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from ledger_svc.domain.calendar import BusinessCalendar
from ledger_svc.domain.invoicing.pricing import HUNDRED, check_percent, share_of
from ledgerflow_platform.errors import DomainError

MAX_TERM_DAYS = 3650
MAX_INSTALMENTS = 36


class InvalidTerms(DomainError):
    """Payment terms that cannot produce a sensible schedule."""


class TermsKind(StrEnum):
    """How the due date is reckoned."""

    NET = "net"  # issue date + N days
    END_OF_MONTH = "end_of_month"  # last day of the issue month + N days
    INSTALMENTS = "instalments"  # shares of the total, each due issue date + its days


@dataclass(frozen=True)
class InstalmentRule:
    """One share of an invoice, as a percentage of its total, due so many days after issue."""

    percent: Decimal
    days: int


@dataclass(frozen=True)
class EarlyPaymentDiscount:
    """x % off the invoice total if it is paid within N days of issue."""

    percent: Decimal
    days: int


@dataclass(frozen=True)
class PaymentTerms:
    """Terms as asked for, on the invoice or as the customer's default."""

    kind: TermsKind
    days: int | None = None
    instalments: tuple[InstalmentRule, ...] = ()
    early_discount: EarlyPaymentDiscount | None = None


@dataclass(frozen=True)
class Instalment:
    """An amount of an invoice due on a date."""

    due_date: date
    amount: int


@dataclass(frozen=True)
class InvoiceTerms:
    """The terms an invoice was issued on, resolved into dates and amounts."""

    kind: TermsKind
    days: int | None
    schedule: tuple[Instalment, ...]
    discount_percent: Decimal | None = None
    discount_until: date | None = None

    @property
    def due_date(self) -> date:
        """When the whole invoice is due: the last instalment's date."""
        return self.schedule[-1].due_date

    def unpaid_since(self, open_amount: int) -> date | None:
        """The due date of the earliest instalment not yet fully settled while `open_amount`
        is still owed (what was settled went to the earliest instalments first); None when
        nothing is owed."""
        if open_amount <= 0:
            return None
        settled = sum(i.amount for i in self.schedule) - open_amount
        for instalment in self.schedule:
            if settled < instalment.amount:
                return instalment.due_date
            settled -= instalment.amount
        return self.due_date

    def due_by(self, as_of: date) -> int:
        """How much of the invoice has fallen due on or before `as_of`."""
        return sum(i.amount for i in self.schedule if i.due_date <= as_of)


def early_payment_discount(
    total: int, percent: Decimal | None, until: date | None, paid_on: date
) -> int:
    """The discount earned by settling on `paid_on`: `percent` of the gross total, rounded
    half-up, if paid on or before `until`; nothing otherwise."""
    if percent is None or until is None or paid_on > until:
        return 0
    return share_of(total, percent)


def split_by_percent(total: int, percents: Sequence[Decimal]) -> list[int]:
    """Shares of `total` by percentages summing to 100: rounded down, remainder on the last."""
    shares = [share_of(total, p, round_up_halves=False) for p in percents[:-1]]
    return [*shares, total - sum(shares)]


def _days(value: int | None, field: str) -> int:
    if value is None or not 0 <= value <= MAX_TERM_DAYS:
        raise InvalidTerms(f"{field} must be 0 to {MAX_TERM_DAYS} days, not {value}.", field=field)
    return value


def _instalment_rules(terms: PaymentTerms) -> tuple[InstalmentRule, ...]:
    if terms.kind is not TermsKind.INSTALMENTS:
        if terms.instalments:
            raise InvalidTerms(
                "Instalments need terms of kind instalments.", field="terms.instalments"
            )
        return (InstalmentRule(HUNDRED, _days(terms.days, "terms.days")),)
    if terms.days is not None:
        raise InvalidTerms("Instalment terms take days per instalment.", field="terms.days")
    if not 0 < len(terms.instalments) <= MAX_INSTALMENTS:
        raise InvalidTerms(f"Give 1 to {MAX_INSTALMENTS} instalments.", field="terms.instalments")
    for n, rule in enumerate(terms.instalments):
        field = f"terms.instalments.{n}"
        check_percent(rule.percent, field=f"{field}.percent", error=InvalidTerms, above_zero=True)
        _days(rule.days, f"{field}.days")
    if (total := sum(rule.percent for rule in terms.instalments)) != HUNDRED:
        raise InvalidTerms(
            f"Instalments must add up to 100 percent, not {total}.", field="terms.instalments"
        )
    return terms.instalments


def _start(terms: PaymentTerms, issue_date: date) -> date:
    if terms.kind is TermsKind.END_OF_MONTH:
        last_day = monthrange(issue_date.year, issue_date.month)[1]
        return issue_date.replace(day=last_day)
    return issue_date


def resolve_terms(
    terms: PaymentTerms, *, total: int, issue_date: date, calendar: BusinessCalendar
) -> InvoiceTerms:
    """The schedule these terms give an invoice of `total` issued on `issue_date`."""
    rules = _instalment_rules(terms)
    start = _start(terms, issue_date)
    amounts = split_by_percent(total, [rule.percent for rule in rules])
    schedule = tuple(
        Instalment(calendar.roll_forward(start + timedelta(days=rule.days)), amount)
        for rule, amount in zip(rules, amounts, strict=True)
    )
    resolved = InvoiceTerms(terms.kind, terms.days, schedule)
    if (early := terms.early_discount) is None:
        return resolved
    field = "terms.early_payment_discount"
    if terms.kind is TermsKind.INSTALMENTS:
        raise InvalidTerms("An early-payment discount needs one due date.", field=field)
    percent = check_percent(
        early.percent, field=f"{field}.percent", error=InvalidTerms, above_zero=True
    )
    if percent == HUNDRED:
        raise InvalidTerms(
            "An early-payment discount is below 100 percent.", field=f"{field}.percent"
        )
    until = calendar.roll_forward(issue_date + timedelta(days=_days(early.days, f"{field}.days")))
    if until > resolved.due_date:
        raise InvalidTerms(
            f"The discount period ends {until}, after the due date {resolved.due_date}.",
            field=f"{field}.days",
        )
    return InvoiceTerms(terms.kind, terms.days, schedule, percent, until)


def fixed_due_date(due_date: date, *, issue_date: date, total: int) -> InvoiceTerms:
    """Terms of an invoice whose biller named the due date: net, to that very day."""
    return InvoiceTerms(TermsKind.NET, (due_date - issue_date).days, (Instalment(due_date, total),))
