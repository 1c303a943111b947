"""Collection budgets per month, segment and currency: set by finance, reported against the
cash actually collected."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from ledgerflow_events.money import format_minor
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession
from reporting_svc.api.routes import CanReadReports
from reporting_svc.projections.budgets.budgets import (
    MAX_LINES,
    InvalidBudget,
    achieved,
    budget_lines,
    month_span,
)
from reporting_svc.projections.budgets.budgets import __doc__ as RULES
from reporting_svc.projections.budgets.query import (
    budgets_between,
    collected_between,
    replace_budgets,
)
from reporting_svc.projections.kpis.figures import two_places

router = APIRouter(tags=["collection budgets"])
MONTH = r"^(19\d\d|2[01]\d\d|2200)-(0[1-9]|1[0-2])$"
Month = Annotated[str, Path(pattern=MONTH, description="YYYY-MM", examples=["2026-11"])]
CanSetBudgets = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN))]
MAX_MONTHS = 24


class BudgetIn(BaseModel):
    segment: str = Field(min_length=1, max_length=100)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    amount: str = Field(pattern=r"^\d{1,15}(\.\d{1,4})?$", examples=["25000.00"])


class BudgetsIn(BaseModel):
    budgets: list[BudgetIn] = Field(max_length=MAX_LINES)


@router.put("/v1/collection-budgets/{month}", summary="Set a month's collection budgets")
async def put_collection_budgets(
    month: Month, body: BudgetsIn, session: DbSession, _: CanSetBudgets
) -> dict[str, Any]:
    lines = budget_lines([(b.segment, b.currency, b.amount) for b in body.budgets])
    await replace_budgets(session, month, lines)
    await session.commit()
    return {"month": month, "budgets": [
        {"segment": b.segment, "currency": b.currency,
         "amount": format_minor(b.amount, b.currency)} for b in lines]}  # fmt: skip


@router.get("/v1/reports/collection-budgets", summary="Budgets against cash collected")
async def get_collection_budgets(
    first: Annotated[str, Query(alias="from", pattern=MONTH, description="First month, YYYY-MM")],
    last: Annotated[str, Query(alias="to", pattern=MONTH, description="Last month, YYYY-MM")],
    session: DbSession,
    _: CanReadReports,
) -> dict[str, Any]:
    start, _end = month_span(first)
    _start, end = month_span(last)
    if start > end:
        raise InvalidBudget("from is after to", field="from")
    if (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
        raise InvalidBudget(f"at most {MAX_MONTHS} months", field="from")
    budgets = await budgets_between(session, first, last)
    collected = await collected_between(session, start, end)
    rows = []
    for key in sorted(set(budgets) | set(collected), key=lambda k: (k[0], k[1] is None,
                                                                    k[1] or "", k[2])):  # fmt: skip
        month, segment, cur = key
        budget, got = budgets.get(key), collected.get(key, 0)
        rows.append({"month": month, "segment": segment, "currency": cur,
                     "budget": None if budget is None else format_minor(budget, cur),
                     "collected": format_minor(got, cur),
                     "variance": None if budget is None else format_minor(got - budget, cur),
                     "achieved_percent": two_places(achieved(got, budget))})  # fmt: skip
    return {"from": first, "to": last,
            "convention": {"rules": " ".join((RULES or "").split()),
                           "segment": "null: customers counted in no segment",
                           "rounding": "percentages to two places, half up; amounts at the "
                           "currency's scale"}, "rows": rows}  # fmt: skip
