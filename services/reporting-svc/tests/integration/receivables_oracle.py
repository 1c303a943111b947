"""An independent oracle of receivables and aging, in plain Python over the facts themselves.

It shares nothing with the service's code: it reads the binding definitions directly. An
invoice issued on or before D, not voided by D, owes its total less every settlement dated on
or before D (payments with their discounts, credit notes, write-offs, credit applications;
reversals owe again), never below zero; instalments settle oldest first; a fact recorded after
known_at is not known.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Invoice:
    invoice_id: str
    customer: str
    currency: str
    total: int
    issue: date
    due: date
    issued_at: datetime
    instalments: list[tuple[date, int]] = field(default_factory=list)
    void: tuple[date, datetime] | None = None


@dataclass
class Settlement:
    """kind: payment, discount, credit_note, write_off, credit_application or reversal."""

    kind: str
    source: str
    invoice_id: str
    amount: int
    on: date
    at: datetime


@dataclass
class Dispute:
    dispute_id: str
    invoice_id: str
    amount: int
    opened: tuple[date, datetime]
    resolved: tuple[date, datetime] | None


def _known(at: datetime, known_at: datetime | None) -> bool:
    return known_at is None or at <= known_at


def owed_at(inv: Invoice, settlements: list[Settlement], d: date, known_at: datetime | None) -> int:
    if inv.issue > d or not _known(inv.issued_at, known_at):
        return 0
    if inv.void is not None and inv.void[0] <= d and _known(inv.void[1], known_at):
        return 0
    owed = inv.total
    for s in settlements:
        if s.invoice_id == inv.invoice_id and s.on <= d and _known(s.at, known_at):
            owed += s.amount if s.kind == "reversal" else -s.amount
    return max(owed, 0)


def pieces(inv: Invoice, owed: int, basis: str) -> list[tuple[date, int]]:
    if basis == "issue_date":
        return [(inv.issue, owed)]
    plan = inv.instalments if sum(a for _, a in inv.instalments) == inv.total else []
    plan = sorted(plan) if plan else [(inv.due, inv.total)]
    settled = inv.total - owed
    left = []
    for due, amount in plan:
        taken = min(settled, amount)
        settled -= taken
        if amount - taken:
            left.append((due, amount - taken))
    return left


def bucket_of(days: int, edges: list[int]) -> int:
    if days <= 0:
        return 0
    for n, edge in enumerate(edges, start=1):
        if days <= edge:
            return n
    return len(edges) + 1


def disputed_at(inv: Invoice, disputes: list[Dispute], d: date, known_at: datetime | None) -> int:
    total = 0
    for x in disputes:
        if x.invoice_id != inv.invoice_id or x.opened[0] > d or not _known(x.opened[1], known_at):
            continue
        if x.resolved and x.resolved[0] <= d and _known(x.resolved[1], known_at):
            continue
        total += x.amount
    return total


Sums = dict[tuple[str | None, str], list[int]]


def aging(
    invoices: list[Invoice],
    settlements: list[Settlement],
    disputes: list[Dispute],
    d: date,
    known_at: datetime | None,
    edges: list[int],
    basis: str,
    group_of: dict[str, str | None],
) -> tuple[Sums, Sums]:
    """Rows by (group, currency) and totals by currency: bucket amounts, then disputed."""
    rows: Sums = {}
    totals: Sums = {}
    for inv in invoices:
        owed = owed_at(inv, settlements, d, known_at)
        if owed == 0:
            continue
        line = [0] * (len(edges) + 3)
        for since, amount in pieces(inv, owed, basis):
            line[bucket_of((d - since).days, edges)] += amount
        line[-1] = min(owed, disputed_at(inv, disputes, d, known_at))
        for into, key in ((rows, (group_of.get(inv.customer), inv.currency)),
                          (totals, (None, inv.currency))):  # fmt: skip
            sums = into.setdefault(key, [0] * len(line))
            for i, amount in enumerate(line):
                sums[i] += amount
    return rows, totals
