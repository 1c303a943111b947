"""The cash-in forecast: when the open receivables at a date are expected to come in. Pure
rules, no I/O.

1. What is disputed at the date is set apart, taken off each invoice's latest-due parts first.
2. Invoices under a running payment plan are expected as the plan's instalments instead: what
   is still open on them pays the latest instalments (the earliest were paid first).
3. An open promise to pay is expected on its promised date, for at most what is still open
   on the invoices it covers (all of the customer's when it names none), oldest parts first.
4. Everything else is expected on its due date (per instalment) shifted by the customer's
   amount-weighted average days beyond terms, rounded half up to whole days.
Nothing is expected before the day after the forecast date: what should have come already is
expected then.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal


@dataclass
class Part:
    """An open amount of an invoice and the date it falls due."""

    due: date
    amount: int


@dataclass(frozen=True)
class OpenItem:
    invoice_id: str
    customer_id: str
    currency: str
    parts: tuple[Part, ...]
    disputed: int


@dataclass(frozen=True)
class PromiseToPay:
    customer_id: str
    currency: str
    amount: int
    promised_on: date
    invoice_ids: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    customer_id: str
    currency: str
    invoice_ids: tuple[str, ...]
    instalments: tuple[tuple[date, int], ...]


@dataclass(frozen=True)
class Expected:
    customer_id: str
    currency: str
    on: date
    amount: int


def _take(parts: list[Part], amount: int, latest_first: bool) -> int:
    """Take up to `amount` off the parts; what was taken."""
    taken = 0
    for part in sorted(parts, key=lambda p: p.due, reverse=latest_first):
        bite = min(part.amount, amount - taken)
        part.amount -= bite
        taken += bite
    return taken


def _oldest_due(parts: Sequence[Part], otherwise: date) -> date:
    return min((p.due for p in parts if p.amount), default=otherwise)


def whole_days(days: Decimal) -> int:
    return int(days.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def forecast(
    made_on: date,
    items: Sequence[OpenItem],
    promises: Sequence[PromiseToPay],
    plans: Sequence[Plan],
    days_late: Mapping[tuple[str, str], Decimal],
) -> tuple[list[Expected], dict[tuple[str, str], int]]:
    """Expected receipts, and the disputed amount per (customer, currency)."""
    first = made_on + timedelta(days=1)
    open_parts = {i.invoice_id: [Part(p.due, p.amount) for p in i.parts] for i in items}
    by_id = {i.invoice_id: i for i in items}
    disputed: dict[tuple[str, str], int] = {}
    for item in items:
        set_apart = _take(open_parts[item.invoice_id], item.disputed, latest_first=True)
        if set_apart:
            key = (item.customer_id, item.currency)
            disputed[key] = disputed.get(key, 0) + set_apart
    out: list[Expected] = []
    for plan in plans:
        covered = [i for i in plan.invoice_ids if i in open_parts]
        left = sum(_take(open_parts[i], 10**18, latest_first=True) for i in covered)
        for due, amount in reversed(plan.instalments):
            bite = min(amount, left)
            left -= bite
            if bite:
                out.append(Expected(plan.customer_id, plan.currency, max(due, first), bite))
    for promise in promises:
        covered = list(promise.invoice_ids) or [
            i.invoice_id for i in items
            if i.customer_id == promise.customer_id and i.currency == promise.currency
        ]  # fmt: skip
        left = promise.amount
        still_open = [i for i in covered if i in open_parts]
        for invoice_id in sorted(still_open, key=lambda i: _oldest_due(open_parts[i], first)):
            left -= _take(open_parts[invoice_id], left, latest_first=False)
        kept = promise.amount - left
        if kept:
            out.append(Expected(promise.customer_id, promise.currency,
                                max(promise.promised_on, first), kept))  # fmt: skip
    for invoice_id, parts in open_parts.items():
        item = by_id[invoice_id]
        shift = whole_days(days_late.get((item.customer_id, item.currency), Decimal(0)))
        for part in parts:
            if part.amount:
                on = max(part.due + timedelta(days=shift), first)
                out.append(Expected(item.customer_id, item.currency, on, part.amount))
    return out, disputed
