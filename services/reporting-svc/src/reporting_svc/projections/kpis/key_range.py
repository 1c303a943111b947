"""The pages of a KPI report by customer. Rows are in report order: by customer then currency,
compared by code point as the aging's pages are. Every row stands for a key (customer,
currency) with an invoice or a credit note issued by the report's date, so a page first finds
its next keys among those, then reads the figures of its own keys only, never the whole
book's.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Text, collate, literal, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from reporting_svc.projections.kpis.inputs import Key

RowKey = tuple[str | None, str]


@dataclass(frozen=True)
class KeyRange:
    """The keys after `after` and up to `through` (inclusive); None leaves that end open."""

    after: RowKey | None = None
    through: RowKey | None = None

    def holding(self, customer: Any, currency: Any) -> list[ColumnElement[bool]]:
        """Conditions keeping a row whose customer and currency columns are given."""
        key = tuple_(collate(customer, "C"), collate(currency, "C"))
        out = []
        if self.after is not None:
            out.append(key > tuple_(literal(self.after[0], Text), literal(self.after[1], Text)))
        if self.through is not None:
            out.append(
                key <= tuple_(literal(self.through[0], Text), literal(self.through[1], Text))
            )
        return out

    def holds(self, key: RowKey) -> bool:
        """Whether the key lies in the range, compared by code point as the statements do."""
        after, through = self.after, self.through
        return (after is None or _order(key) > _order(after)) and (
            through is None or _order(key) <= _order(through)
        )


def _order(key: RowKey) -> tuple[str, str]:
    return key[0] or "", key[1]


EVERY_KEY = KeyRange()

# Each side reads its own index on (customer, currency, issue date) in order and stops after
# `count` keys (migration 0015).
_SIDE = """(
    SELECT DISTINCT customer_id COLLATE "C" AS customer_id, currency COLLATE "C" AS currency
    FROM {table} WHERE issue_date <= :through {where} ORDER BY 1, 2 LIMIT :count
)"""
_AFTER = 'AND (customer_id COLLATE "C", currency COLLATE "C") > (:after_customer, :after_currency)'


async def next_keys(
    session: AsyncSession, through: date, customer_id: str | None, after: Key | None, count: int
) -> list[Key]:
    """The first `count` keys after `after` with an invoice or a credit note issued on or
    before `through`: late fees, voided invoices and facts recorded later included, so they
    are never fewer than the report's rows."""
    where = (_AFTER if after is not None else "") + (
        " AND customer_id = :customer_id" if customer_id is not None else ""
    )
    sides = [_SIDE.format(table=t, where=where) for t in ("invoices", "credit_notes")]
    statement = f"SELECT customer_id, currency FROM ({sides[0]} UNION {sides[1]}) AS keys "  # noqa: S608
    params = {
        "through": through,
        "count": count,
        "customer_id": customer_id,
        "after_customer": after[0] if after else None,
        "after_currency": after[1] if after else None,
    }
    found = await session.execute(text(statement + "ORDER BY 1, 2 LIMIT :count"), params)
    return [(c, cur) for c, cur in found]
