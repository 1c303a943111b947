"""What the KPIs are computed from, per customer and currency: receivables and current at a
date, and credit sales over windows. Pure rules over loaded facts, no I/O.

Credit sales over a window (after, through]: totals of invoices issued in it, less credit notes
issued in it, less the totals of invoices issued in it that were voided by its end. Late-fee
invoices are receivables but not credit sales.

Opening balances brought in at a cut-over are receivables but not credit sales either: years
of invoicing dated on one day. What they still owed on the day is counted apart, as brought in
over the window (the CEI adds it to the receivables the window opened with).
"""

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from reporting_svc.projections.aging.open_items import AgingBasis, OpenInvoice, aged_amounts

Key = tuple[str, str]  # customer, currency
GroupKey = tuple[str | None, str]  # group (None: the total), currency


@dataclass(frozen=True)
class SaleFact:
    """An invoice (positive, with its void date if voided) or a credit note (negative); an
    opening balance with what it still owed at the cut-over."""

    customer_id: str
    currency: str
    day: date
    amount: int
    voided_on: date | None = None
    opening: bool = False


@dataclass(frozen=True)
class Owed:
    receivables: int
    current: int


def owed_by_customer(invoices: Iterable[OpenInvoice], as_of: date) -> dict[Key, Owed]:
    """Receivables at as_of, and the part not past due (due on or after as_of)."""
    sums: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for invoice in invoices:
        parts = aged_amounts(invoice, AgingBasis.DUE_DATE)
        line = sums[invoice.customer_id, invoice.currency]
        line[0] += sum(p.amount for p in parts)
        line[1] += sum(p.amount for p in parts if p.since >= as_of)
    return {k: Owed(r, c) for k, (r, c) in sums.items() if r or c}


def credit_sales(facts: Iterable[SaleFact], after: date, through: date) -> dict[Key, int]:
    [sums] = credit_sales_per_window(facts, [(after, through)])
    return sums


def brought_in(facts: Iterable[SaleFact], after: date, through: date) -> dict[Key, int]:
    [sums] = brought_in_per_window(facts, [(after, through)])
    return sums


def credit_sales_per_window(
    facts: Iterable[SaleFact], windows: Sequence[tuple[date, date]]
) -> list[dict[Key, int]]:
    """Credit sales in each (after, through] window: every fact but opening balances."""
    return _per_window((f for f in facts if not f.opening), windows)


def brought_in_per_window(
    facts: Iterable[SaleFact], windows: Sequence[tuple[date, date]]
) -> list[dict[Key, int]]:
    """What opening balances brought in during each window still owed at the cut-over."""
    return _per_window((f for f in facts if f.opening), windows)


def _per_window(
    facts: Iterable[SaleFact], windows: Sequence[tuple[date, date]]
) -> list[dict[Key, int]]:
    """The facts' amounts summed in each (after, through] window, in one pass: a countback
    asks for 24 months of a whole book's invoices. The windows' edges cut the calendar into
    spans that each lie in the same windows; a fact finds its span by bisection."""
    edges = sorted({d for window in windows for d in window})
    # Span i is (edges[i - 1], edges[i]]; a window's ends are edges, so it holds all of a span
    # or none of it.
    holding = [
        [w for w, (after, through) in enumerate(windows) if after < edge <= through]
        for edge in edges
    ]
    sums: list[dict[Key, int]] = [defaultdict(int) for _ in windows]
    for fact in facts:
        span = bisect_left(edges, fact.day)
        if span == len(edges):
            continue
        for w in holding[span]:
            voided = fact.voided_on is not None and fact.voided_on <= windows[w][1]
            if not voided:
                sums[w][fact.customer_id, fact.currency] += fact.amount
    return [dict(s) for s in sums]


def regroup(
    values: Mapping[Key, int], groups_of: Mapping[str, Sequence[str | None]] | None
) -> dict[GroupKey, int]:
    """Sum per (group, currency); None groups_of means per customer, {} the currency total."""
    sums: dict[GroupKey, int] = defaultdict(int)
    for (customer, currency), value in values.items():
        keys = [customer] if groups_of is None else groups_of.get(customer)
        for group in keys or [None]:
            sums[group, currency] += value
    return dict(sums)
