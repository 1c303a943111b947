"""Aging rows: open amounts by group, currency and bucket, and totals per currency.
Pure rules, no I/O; the query in aging_query.py supplies the open invoices."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from reporting_svc.projections.aging.buckets import AgingBucket, bucket_index
from reporting_svc.projections.aging.open_items import (
    AgingBasis,
    OpenInvoice,
    aged_amounts,
    open_amount,
)


class GroupBy(StrEnum):
    """What aging rows are grouped by besides currency."""

    CUSTOMER = "customer"
    SEGMENT = "segment"
    REGION = "region"
    INDUSTRY = "industry"
    GRADE = "grade"
    COLLECTOR = "collector"
    CURRENCY = "currency"


@dataclass(frozen=True)
class AgingRow:
    """What one group owes in one currency, per bucket (in the buckets' order), in minor units.
    `group` is None for a total, or a customer without the grouping attribute."""

    group: str | None
    currency: str
    amounts: tuple[int, ...]
    disputed: int

    @property
    def total(self) -> int:
        return sum(self.amounts)

    @property
    def sort_key(self) -> tuple[bool, str, str]:
        # Customers without the attribute come last.
        return (self.group is None, self.group or "", self.currency)


@dataclass(frozen=True)
class AgingResult:
    rows: tuple[AgingRow, ...]
    totals: tuple[AgingRow, ...]


def _days(as_of: date, since: date) -> int:
    """Due on the as-of date is 0 days past due: still current."""
    return (as_of - since).days


def _accumulate(
    into: dict[tuple[str | None, str], list[int]],
    key: tuple[str | None, str],
    amounts: Sequence[int],
) -> None:
    sums = into.setdefault(key, [0] * len(amounts))
    for i, amount in enumerate(amounts):
        sums[i] += amount


def age_invoices(
    invoices: Iterable[OpenInvoice],
    as_of: date,
    buckets: Sequence[AgingBucket],
    basis: AgingBasis,
    groups_of: Mapping[str, Sequence[str | None]] | None,
) -> AgingResult:
    """`groups_of` maps a customer to its group keys (a customer in two segments counts in
    both rows, once in the totals); None groups by customer."""
    rows: dict[tuple[str | None, str], list[int]] = {}
    totals: dict[tuple[str | None, str], list[int]] = {}
    for invoice in invoices:
        owed = open_amount(invoice)
        if owed == 0:
            continue
        amounts = [0] * (len(buckets) + 1)
        for part in aged_amounts(invoice, basis):
            amounts[bucket_index(buckets, _days(as_of, part.since))] += part.amount
        # The last slot carries the disputed part of what is open.
        amounts[-1] = min(invoice.disputed, owed)
        keys = [invoice.customer_id] if groups_of is None else groups_of.get(invoice.customer_id)
        for group in keys or [None]:
            _accumulate(rows, (group, invoice.currency), amounts)
        _accumulate(totals, (None, invoice.currency), amounts)

    def as_rows(sums: dict[tuple[str | None, str], list[int]]) -> tuple[AgingRow, ...]:
        made = [AgingRow(g, c, tuple(a[:-1]), a[-1]) for (g, c), a in sums.items()]
        return tuple(sorted(made, key=lambda r: r.sort_key))

    return AgingResult(as_rows(rows), as_rows(totals))
