"""Receivables aging: each open amount at a date, by how many days past due it is.

Pure rules, no I/O. The SQL report builds its buckets from `BUCKETS`, and `age_receivables`
is the reference the SQL report is tested against.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date

from reporting_svc.projections.facts.adjustments import InvoiceAdjustment, reduction_by


@dataclass(frozen=True)
class Bucket:
    """A span of days past due that an aging report shows as one column."""

    name: str
    first_day: int | None  # None: no lower bound (not yet due)
    last_day: int | None  # None: no upper bound

    def holds(self, days_past_due: int) -> bool:
        above = self.first_day is None or days_past_due >= self.first_day
        below = self.last_day is None or days_past_due <= self.last_day
        return above and below


BUCKETS: tuple[Bucket, ...] = (
    Bucket("current", None, 0),
    Bucket("days_1_30", 1, 30),
    Bucket("days_31_60", 31, 60),
    Bucket("days_61_90", 61, 90),
    Bucket("days_over_90", 91, None),
)


def bucket_for(days_past_due: int) -> Bucket:
    return next(b for b in BUCKETS if b.holds(days_past_due))


def days_past_due(due_date: date, as_of: date) -> int:
    """Due today is 0 days past due: still current."""
    return (as_of - due_date).days


@dataclass(frozen=True)
class AgedAmounts:
    """Open receivables of one currency by bucket, in minor units."""

    current: int = 0
    days_1_30: int = 0
    days_31_60: int = 0
    days_61_90: int = 0
    days_over_90: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def plus(self, bucket: Bucket, amount: int) -> "AgedAmounts":
        return replace(self, **{bucket.name: getattr(self, bucket.name) + amount})

    def __add__(self, other: "AgedAmounts") -> "AgedAmounts":
        return AgedAmounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class CustomerAging:
    """What one customer owes in one currency, aged."""

    customer_id: str
    currency: str
    amounts: AgedAmounts


@dataclass(frozen=True)
class CurrencyAging:
    """Everything owed in one currency, aged; currencies are never added together."""

    currency: str
    amounts: AgedAmounts


@dataclass(frozen=True)
class AgingReport:
    """Receivables aging at a date: per customer and currency, then totals per currency."""

    as_of: date
    rows: tuple[CustomerAging, ...]
    totals: tuple[CurrencyAging, ...]


@dataclass(frozen=True)
class IssuedInvoice:
    """An invoice as aging sees it: who owes how much, since when, due when."""

    invoice_id: str
    customer_id: str
    currency: str
    total: int
    issue_date: date
    due_date: date


@dataclass(frozen=True)
class AppliedPayment:
    """Money applied to an invoice on the day it was received."""

    invoice_id: str
    amount: int
    received_on: date


@dataclass(frozen=True)
class VoidedInvoice:
    """An invoice cancelled on a date: from that day on nothing is owed on it."""

    invoice_id: str
    customer_id: str
    currency: str
    total: int
    voided_on: date


def void_dates(voids: Iterable[VoidedInvoice]) -> dict[str, date]:
    """Each voided invoice's void date; should it be voided twice, the first void stands."""
    dates: dict[str, date] = {}
    for void in voids:
        earlier = dates.get(void.invoice_id, void.voided_on)
        dates[void.invoice_id] = min(earlier, void.voided_on)
    return dates


def open_amount(
    invoice: IssuedInvoice,
    payments: Iterable[AppliedPayment],
    as_of: date,
    adjustments: Iterable[InvoiceAdjustment] = (),
) -> int:
    """What was still owed on the invoice at the end of `as_of`."""
    received = sum(
        p.amount for p in payments if p.invoice_id == invoice.invoice_id and p.received_on <= as_of
    )
    return invoice.total - received - reduction_by(invoice.invoice_id, adjustments, as_of)


def totals_by_currency(rows: Iterable[CustomerAging]) -> tuple[CurrencyAging, ...]:
    sums: dict[str, AgedAmounts] = defaultdict(AgedAmounts)
    for row in rows:
        sums[row.currency] += row.amounts
    return tuple(CurrencyAging(c, sums[c]) for c in sorted(sums))


def age_receivables(
    invoices: Iterable[IssuedInvoice],
    payments: Iterable[AppliedPayment],
    as_of: date,
    customer_id: str | None = None,
    voids: Iterable[VoidedInvoice] = (),
    adjustments: Iterable[InvoiceAdjustment] = (),
) -> AgingReport:
    """The aging at `as_of`: invoices issued and not voided by then, less payments and
    adjustments (credit notes, write-offs, applied credit, discounts, reversals) by then.

    An invoice counts only while something is still owed on it, so customers owing nothing
    have no row. A void is dated: the aging of a day before it still shows the invoice.
    """
    applied = list(payments)
    adjusted = list(adjustments)
    voided_on = void_dates(voids)
    aged: dict[tuple[str, str], AgedAmounts] = defaultdict(AgedAmounts)
    for invoice in invoices:
        not_this_customer = customer_id is not None and invoice.customer_id != customer_id
        void_date = voided_on.get(invoice.invoice_id)
        voided = void_date is not None and void_date <= as_of
        if invoice.issue_date > as_of or not_this_customer or voided:
            continue
        owed = open_amount(invoice, applied, as_of, adjusted)
        if owed > 0:
            bucket = bucket_for(days_past_due(invoice.due_date, as_of))
            key = (invoice.customer_id, invoice.currency)
            aged[key] = aged[key].plus(bucket, owed)
    rows = tuple(CustomerAging(c, cur, aged[c, cur]) for c, cur in sorted(aged))
    return AgingReport(as_of, rows, totals_by_currency(rows))
