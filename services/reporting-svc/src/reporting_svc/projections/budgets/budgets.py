"""Collection budgets: what finance means to collect per month, segment and currency, and how
the cash collected compares. Pure rules, no I/O.

Collected in a month: cash applied to invoices, by received date, from the segment's customers
(a customer in two segments counts in both). Variance = collected - budget; achieved =
collected / budget x 100 (none without a budget).
"""

import calendar
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledgerflow_events.money import InvalidAmount, UnknownCurrency, to_minor
from ledgerflow_platform.errors import DomainError

MAX_LINES = 500


class InvalidBudget(DomainError):
    """A budget line whose amount or currency cannot be recorded, or a period out of order."""


class StaleBudgets(DomainError):
    """The month's budgets changed since the version the caller read."""

    def __init__(self, month: str, version: int) -> None:
        super().__init__(
            f"the budgets of {month} are at version {version}: read them again",
            field="If-Match",
        )
        self.version = version


def check_version(month: str, version: int, expected: Collection[int] | None) -> None:
    """`expected`: the versions the caller accepts (If-Match); None accepts any (`*`)."""
    if expected is not None and version not in expected:
        raise StaleBudgets(month, version)


@dataclass(frozen=True)
class BudgetLine:
    segment: str
    currency: str
    amount: int  # minor units


def month_span(month: str) -> tuple[date, date]:
    year, number = (int(part) for part in month.split("-"))
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def budget_lines(given: Sequence[tuple[str, str, str]]) -> list[BudgetLine]:
    """(segment, currency, amount) → lines; refused naming the first wrong line's field."""
    lines: dict[tuple[str, str], BudgetLine] = {}
    for n, (segment, currency, amount) in enumerate(given):
        try:
            minor = to_minor(amount, currency)
        except UnknownCurrency as exc:
            raise InvalidBudget(str(exc), field=f"budgets[{n}].currency") from exc
        except InvalidAmount as exc:
            raise InvalidBudget(str(exc), field=f"budgets[{n}].amount") from exc
        if minor < 0:
            raise InvalidBudget("a budget is not negative", field=f"budgets[{n}].amount")
        if (segment, currency) in lines:
            raise InvalidBudget("one line per segment and currency", field=f"budgets[{n}]")
        lines[segment, currency] = BudgetLine(segment, currency, minor)
    return list(lines.values())


def achieved(collected: int, budget: int | None) -> Decimal | None:
    if not budget:
        return None
    return Decimal(collected) / budget * 100
