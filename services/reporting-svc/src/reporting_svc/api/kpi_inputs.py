"""The KPI inputs per group and currency, gathered once per request for dso, add and cei."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.money import format_minor
from reporting_svc.api.kpi_parameters import group_field
from reporting_svc.api.report_paging import report_order
from reporting_svc.projections.aging.query import load_groups
from reporting_svc.projections.aging.rows import GroupBy
from reporting_svc.projections.kpis.inputs import (
    GroupKey,
    Key,
    brought_in_per_window,
    credit_sales_per_window,
    regroup,
)
from reporting_svc.projections.kpis.key_range import EVERY_KEY, KeyRange
from reporting_svc.projections.kpis.months import Month
from reporting_svc.projections.kpis.query import owed_at, sale_facts


@dataclass(frozen=True)
class Figures:
    """Per (group, currency): receivables, current, and credit sales per window given."""

    receivables: dict[GroupKey, int]
    current: dict[GroupKey, int]
    sales: list[dict[GroupKey, int]]
    # Per window, what opening balances brought in during it still owed at the cut-over.
    brought_in: list[dict[GroupKey, int]]

    def group_keys(self) -> list[GroupKey]:
        found = set(self.receivables) | set(self.current)
        for window in (*self.sales, *self.brought_in):
            found |= set(window)
        return sorted(found, key=report_order)


async def gather(
    session: AsyncSession,
    as_of: date,
    windows: Sequence[tuple[date, date]],
    customer_id: str | None,
    group_by: GroupBy | None,
    known_at: datetime | None = None,
    keys: KeyRange = EVERY_KEY,
) -> Figures:
    """Receivables at as_of and sales in each (after, through] window, grouped, as known at
    `known_at`; None group_by gives the per-currency totals. Only the customers' keys in
    `keys` are read: a page of a report by customer."""
    owed = await owed_at(session, as_of, customer_id, known_at, keys)
    earliest = min((a for a, _ in windows), default=as_of)
    latest = max((t for _, t in windows), default=as_of)
    facts = await sale_facts(session, earliest, latest, customer_id, known_at, keys)
    per_window = credit_sales_per_window(facts, windows)
    brought = brought_in_per_window(facts, windows)
    customers: set[str] = {c for c, _ in owed}
    for window in (*per_window, *brought):
        customers |= {c for c, _ in window}
    groups = await load_groups(session, group_by or GroupBy.CURRENCY, sorted(customers), as_of)

    def grouped(values: Mapping[Key, int]) -> dict[GroupKey, int]:
        return regroup(values, groups)

    return Figures(
        grouped({k: o.receivables for k, o in owed.items()}),
        grouped({k: o.current for k, o in owed.items()}),
        [grouped(w) for w in per_window],
        [grouped(w) for w in brought],
    )


def cei_inputs(
    opening: Figures, closing: Figures, key: GroupKey, window: int = 0
) -> tuple[int, int, int, int]:
    """The CEI's opening receivables, credit sales, closing receivables and closing current
    over closing's `window`: opening balances brought in during it count in the opening, at
    what they owed on the day, as if owed from the start."""
    return (
        opening.receivables.get(key, 0) + closing.brought_in[window].get(key, 0),
        closing.sales[window].get(key, 0),
        closing.receivables.get(key, 0),
        closing.current.get(key, 0),
    )


def row_head(key: GroupKey, group_by: GroupBy | None) -> dict[str, Any]:
    field = group_field(group_by)
    head: dict[str, Any] = {field: key[0]} if field else {}
    head["currency"] = key[1]
    return head


def month_heads(months: Sequence[Month]) -> list[dict[str, Any]]:
    """What each month's entry says of the month itself, made once per report: a countback
    for every customer repeats the same months in tens of thousands of rows."""
    return [
        {
            "month": m.number,
            "from": m.first_day.isoformat(),
            "to": m.through.isoformat(),
            "days": m.days,
        }
        for m in months
    ]


def month_out(head: Mapping[str, Any], sales: int, currency: str) -> dict[str, Any]:
    return {**head, "credit_sales": format_minor(sales, currency)}
