"""Who pays late, and how late: per customer (or group) and currency, the invoices settled in
a window, from the day each was settled in full. Pure rules, no I/O.

An invoice is paid on the first day its payments and other settlements (credit notes,
write-offs, applied credit, discounts, less reversals), taken in date order, reach its total.
Days to pay run from its issue date; days late from its due date, never below zero.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

LATE_BANDS = (
    ("on_time", 0, 0),
    ("1_15", 1, 15),
    ("16_30", 16, 30),
    ("31_60", 31, 60),
    ("over_60", 61, None),
)


@dataclass(frozen=True)
class SettledInvoice:
    customer_id: str
    currency: str
    total: int
    issue_date: date
    due_date: date
    settlements: tuple[tuple[date, int], ...]  # (business date, amount; negative owes again)


def paid_on(invoice: SettledInvoice) -> date | None:
    settled = 0
    for day, amount in sorted(invoice.settlements):
        settled += amount
        if settled >= invoice.total:
            return day
    return None


@dataclass
class Behaviour:
    invoices_paid: int = 0
    paid_late: int = 0
    total_days_to_pay: int = 0
    weighted_days_late: int = 0  # days late x invoice total
    weight: int = 0
    longest_delay: int = 0

    def __post_init__(self) -> None:
        self.bands = dict.fromkeys((b for b, _, _ in LATE_BANDS), 0)

    def add(self, invoice: SettledInvoice, on: date) -> None:
        late = max(0, (on - invoice.due_date).days)
        self.invoices_paid += 1
        self.paid_late += late > 0
        self.total_days_to_pay += (on - invoice.issue_date).days
        self.weighted_days_late += late * invoice.total
        self.weight += invoice.total
        self.longest_delay = max(self.longest_delay, late)
        band = next(b for b, lo, hi in LATE_BANDS if late >= lo and (hi is None or late <= hi))
        self.bands[band] += 1

    @property
    def average_days_to_pay(self) -> Decimal:
        return Decimal(self.total_days_to_pay) / self.invoices_paid

    @property
    def average_days_late(self) -> Decimal:
        return Decimal(self.weighted_days_late) / self.weight if self.weight else Decimal(0)

    @property
    def share_paid_late(self) -> Decimal:
        return Decimal(self.paid_late) / self.invoices_paid * 100


def payment_behaviour(
    invoices: Iterable[SettledInvoice],
    first: date,
    last: date,
    groups_of: Mapping[str, Sequence[str | None]] | None,
) -> dict[tuple[str | None, str], Behaviour]:
    out: dict[tuple[str | None, str], Behaviour] = {}
    for invoice in invoices:
        on = paid_on(invoice)
        if on is None or not first <= on <= last:
            continue
        keys = [invoice.customer_id] if groups_of is None else groups_of.get(invoice.customer_id)
        for group in keys or [None]:
            out.setdefault((group, invoice.currency), Behaviour()).add(invoice, on)
    return out
