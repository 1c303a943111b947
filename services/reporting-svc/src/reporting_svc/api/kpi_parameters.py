"""KPI query parameters and the refusals that name them."""

from enum import StrEnum
from typing import Annotated

from fastapi import Query

from ledgerflow_platform.errors import DomainError
from reporting_svc.api.aging_out import GROUP_FIELDS
from reporting_svc.projections.aging.rows import GroupBy

MAX_MONTHS = 24
Months = Annotated[
    int, Query(ge=1, le=MAX_MONTHS, description="Months counted back from as_of (1 to 24)")
]


class InvalidWindow(DomainError):
    """A KPI window that is empty, too long or not made of whole months where it must be."""


class DsoMethod(StrEnum):
    STANDARD = "standard"
    COUNTBACK = "countback"
    BEST_POSSIBLE = "best_possible"


class SalesBasis(StrEnum):
    TOTAL = "total"
    MONTHLY_AVERAGE = "monthly_average"


class Kpi(StrEnum):
    DSO = "dso"
    CEI = "cei"
    ADD = "add"
    OVERDUE_RATIO = "overdue_ratio"


def group_field(group_by: GroupBy | None) -> str | None:
    return None if group_by is None else GROUP_FIELDS.get(group_by)


ROUNDING = "days and percentages to two places, rounded half up; amounts at the currency's scale"
CURRENT = "receivables not past due at as_of (due date on or after as_of), per instalment"
RECEIVABLES = (
    "receivables at the date as aging computes them: issued and not voided by then, less "
    "settlements dated by then, never below zero"
)
SALES = (
    "credit sales: invoice totals (tax included) issued in the window, less credit notes "
    "issued in it, less totals of invoices issued in it voided by its end; late fees and opening "
    "balances brought in at a cut-over excluded"
)
MONTHS = (
    "months counted back from as_of: month 1 is (as_of - 1 month, as_of]; one month before "
    "keeps the day, clamped, and a month end goes to the previous month end"
)


def known_at_note(known_at: object) -> str:
    if known_at is None:
        return "every fact recorded so far"
    return "facts recorded (event time) after known_at are left out: as known then"
