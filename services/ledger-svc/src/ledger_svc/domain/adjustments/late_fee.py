"""Late fees: what an overdue invoice costs the customer, charged by a dated run.

A policy per currency charges either a fixed amount or a percentage per month of the
invoice's open amount (rounded half-up), once the invoice is more than `grace_days` past its
due date. A run as of a business date charges each such invoice at most once per calendar
month of that date (its period, "2026-04"); running it again in the same period charges
nothing new. An invoice is overdue by its (last) due date, as in the overdue run.

Each fee becomes a receivable of its own: a late-fee invoice in the series "LF", issued and
due on the run's date, so it is collected, allocated and aged like any invoice. It posts
Dr receivable (the fee invoice) / Cr late_fee_income. Late-fee invoices are never charged
late fees themselves, and waiving one is a credit note against it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ledger_svc.domain.amounts import parse_amount
from ledger_svc.domain.books.journal import Account, JournalEntry, SourceType, credit, debit
from ledger_svc.domain.invoicing.invoice import Invoice
from ledger_svc.domain.invoicing.pricing import InvoiceLine, check_percent, share_of
from ledger_svc.domain.invoicing.terms import Instalment, InvoiceTerms, TermsKind
from ledgerflow_events import money
from ledgerflow_platform.errors import DomainError

LATE_FEE_SERIES = "LF"
MAX_GRACE_DAYS = 365


class LateFeeKind(StrEnum):
    """How a policy reckons the fee."""

    FIXED = "fixed"
    PERCENT = "percent"


class InvalidLateFeePolicy(DomainError):
    """A policy that cannot reckon a fee: wrong amounts for its kind, or a bad currency."""


class LateFeePolicyNotFound(DomainError):
    """No late-fee policy is set for this currency."""

    def __init__(self, currency: str) -> None:
        super().__init__(f"No late-fee policy for {currency}.", field="currency")
        self.currency = currency


@dataclass(frozen=True)
class LateFeePolicy:
    """How late fees are charged on invoices in one currency."""

    currency: str
    kind: LateFeeKind
    fixed_amount: int | None = None
    percent_per_month: Decimal | None = None
    grace_days: int = 0

    def __post_init__(self) -> None:
        if self.kind is LateFeeKind.FIXED:
            if self.fixed_amount is None or self.percent_per_month is not None:
                raise InvalidLateFeePolicy(
                    "A fixed late fee takes an amount and no percent.", field="amount"
                )
        elif self.percent_per_month is None or self.fixed_amount is not None:
            raise InvalidLateFeePolicy(
                "A percentage late fee takes percent_per_month and no amount.",
                field="percent_per_month",
            )
        else:
            check_percent(
                self.percent_per_month,
                field="percent_per_month",
                error=InvalidLateFeePolicy,
                above_zero=True,
            )
        if not 0 <= self.grace_days <= MAX_GRACE_DAYS:
            raise InvalidLateFeePolicy(
                f"grace_days must be 0 to {MAX_GRACE_DAYS}, not {self.grace_days}.",
                field="grace_days",
            )

    def fee_for(self, open_amount: int) -> int:
        """The fee one period costs on `open_amount`; zero means nothing to charge."""
        if self.fixed_amount is not None:
            return self.fixed_amount
        assert self.percent_per_month is not None
        return share_of(open_amount, self.percent_per_month)

    def applies(self, invoice: Invoice, as_of: date) -> bool:
        """Still owed and overdue by more than the grace days on `as_of`."""
        late_by = (as_of - invoice.due_date).days
        return invoice.open_amount > 0 and invoice.voided_on is None and late_by > self.grace_days


def late_fee_policy(
    currency: str,
    kind: LateFeeKind,
    *,
    amount: str | None,
    percent_per_month: Decimal | None,
    grace_days: int,
) -> LateFeePolicy:
    """A policy as an accountant sets it, amounts checked against the currency's scale."""
    try:
        money.currency_scale(currency)
    except money.UnknownCurrency as exc:
        raise InvalidLateFeePolicy(str(exc), field="currency") from exc
    fixed = None if amount is None else parse_amount(amount, currency, field="amount")
    return LateFeePolicy(currency, kind, fixed, percent_per_month, grace_days)


def period_of(as_of: date) -> str:
    """The calendar month a run falls in: each invoice is charged at most once in it."""
    return f"{as_of.year:04d}-{as_of.month:02d}"


@dataclass(frozen=True)
class LateFee:
    """A fee charged on one overdue invoice for one period, billed as its own LF invoice."""

    id: str
    invoice_id: str
    customer_id: str
    currency: str
    period: str
    as_of: date
    base_amount: int
    amount: int
    fee_invoice: Invoice

    def journal_entry(self) -> JournalEntry:
        """Dr receivable (the fee invoice) / Cr late_fee_income, filed under the fee invoice's
        id so that voiding the fee invoice finds and reverses it."""
        who, fee = self.customer_id, self.fee_invoice
        return JournalEntry(
            SourceType.LATE_FEE,
            fee.id,
            self.as_of,
            f"Late fee {self.period} charged as {fee.number}",
            (
                debit(
                    Account.RECEIVABLE,
                    self.amount,
                    self.currency,
                    customer_id=who,
                    invoice_id=fee.id,
                ),
                credit(Account.LATE_FEE_INCOME, self.amount, self.currency, customer_id=who),
            ),
        )


def charge_late_fee(
    invoice: Invoice,
    policy: LateFeePolicy,
    *,
    as_of: date,
    late_fee_id: str,
    fee_invoice_id: str,
    fee_number: str,
) -> LateFee | None:
    """The fee on an overdue invoice for the period of `as_of`, or None if it comes to zero."""
    amount = policy.fee_for(invoice.open_amount)
    if amount <= 0:
        return None
    period = period_of(as_of)
    line = InvoiceLine(f"Late fee {period} on invoice {invoice.number}", Decimal(1), amount, amount)
    terms = InvoiceTerms(TermsKind.NET, 0, (Instalment(as_of, amount),))
    fee_invoice = Invoice(
        fee_invoice_id,
        fee_number,
        invoice.customer_id,
        invoice.currency,
        as_of,
        terms,
        net=amount,
        tax=0,
        open_amount=amount,
        lines=(line,),
    )
    return LateFee(
        late_fee_id,
        invoice.id,
        invoice.customer_id,
        invoice.currency,
        period,
        as_of,
        invoice.open_amount,
        amount,
        fee_invoice,
    )
