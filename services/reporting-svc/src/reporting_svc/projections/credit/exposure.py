"""Exposure against credit limits, top risks and customer value, per customer and currency.
Pure rules over loaded facts, no I/O.

Exposure = receivables at as_of + credit reserved for orders in flight at the end of as_of.
Utilisation = exposure / the limit in force x 100, for customers with a limit in that currency.
A group's utilisation counts only its customers that have a limit: their exposure over the sum
of their limits. Overdue = receivables past due at as_of (receivables less current).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

Key = tuple[str, str]  # customer, currency
# Worst first: E before D ... before A; a customer never graded comes after every grade.
GRADE_ORDER = {"E": 0, "D": 1, "C": 2, "B": 3, "A": 4}


@dataclass(frozen=True)
class Standing:
    """One customer's credit standing at the date."""

    limit: tuple[str, int | None] | None  # (currency, amount; None removed), None: never set
    holds: tuple[str, ...]  # reasons of the holds in force
    grade: str | None


@dataclass
class ExposureLine:
    receivables: int = 0
    reserved: int = 0
    limit: int | None = None
    limited_exposure: int = 0  # exposure of the customers that have a limit
    customers: int = 0
    customers_on_hold: int = 0
    hold_reasons: set[str] = field(default_factory=set)

    @property
    def exposure(self) -> int:
        return self.receivables + self.reserved

    @property
    def utilisation(self) -> Decimal | None:
        if not self.limit:
            return None
        return Decimal(self.limited_exposure) / self.limit * 100


def _limit_in(standing: Standing | None, currency: str) -> int | None:
    if standing is None or standing.limit is None or standing.limit[0] != currency:
        return None
    return standing.limit[1]


def exposure(
    receivables: Mapping[Key, int],
    reserved: Mapping[Key, int],
    standings: Mapping[str, Standing],
    groups_of: Mapping[str, Sequence[str | None]] | None,
) -> dict[tuple[str | None, str], ExposureLine]:
    """Per (group, currency); None groups_of: per customer. A customer with a limit but
    nothing owed or reserved still has its row in the limit's currency."""
    keys = set(receivables) | set(reserved)
    for customer, known in standings.items():
        if known.limit is not None and known.limit[1] is not None:
            keys.add((customer, known.limit[0]))
    out: dict[tuple[str | None, str], ExposureLine] = {}
    for customer, currency in sorted(keys):
        standing = standings.get(customer)
        limit = _limit_in(standing, currency)
        held = standing.holds if standing else ()
        owed, spoken_for = (
            receivables.get((customer, currency), 0),
            reserved.get((customer, currency), 0),
        )
        groups = [customer] if groups_of is None else groups_of.get(customer) or [None]
        for group in groups:
            line = out.setdefault((group, currency), ExposureLine())
            line.receivables += owed
            line.reserved += spoken_for
            line.customers += 1
            line.customers_on_hold += bool(held)
            line.hold_reasons |= set(held)
            if limit is not None:
                line.limit = (line.limit or 0) + limit
                line.limited_exposure += owed + spoken_for
    return out


@dataclass(frozen=True)
class Risk:
    customer_id: str
    currency: str
    overdue: int
    receivables: int
    grade: str | None
    on_hold: bool


def top_risks(
    owed: Mapping[Key, tuple[int, int]], standings: Mapping[str, Standing], limit: int
) -> list[Risk]:
    """Customers with something overdue, per currency: the largest overdue first, then the
    weaker grade, then the customer id; at most `limit` per currency."""
    risks = []
    for (customer, currency), (receivables, current) in owed.items():
        if receivables - current <= 0:
            continue
        standing = standings.get(customer)
        grade = standing.grade if standing else None
        risks.append(Risk(customer, currency, receivables - current, receivables, grade,
                          bool(standing and standing.holds)))  # fmt: skip
    risks.sort(key=lambda r: (r.currency, -r.overdue, GRADE_ORDER.get(r.grade or "", 5),
                              r.customer_id))  # fmt: skip
    kept: list[Risk] = []
    per_currency: dict[str, int] = {}
    for risk in risks:
        if per_currency.get(risk.currency, 0) < limit:
            kept.append(risk)
            per_currency[risk.currency] = per_currency.get(risk.currency, 0) + 1
    return kept


def rank_by_value(sales: Iterable[tuple[Key, int]]) -> list[tuple[Key, int]]:
    """Customers by their sales, largest first (ties by customer id), per currency."""
    return sorted(sales, key=lambda item: (item[0][1], -item[1], item[0][0]))
