"""Collection budgets per month, segment and currency: set by finance, reported against the
cash actually collected."""

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import BaseModel, Field

from ledgerflow_events.money import format_minor
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.preconditions import RequiredIfMatch, accepted_versions, etag
from reporting_svc.api.routes import CanReadReports
from reporting_svc.projections.budgets.budgets import (
    MAX_LINES,
    BudgetLine,
    InvalidBudget,
    achieved,
    budget_lines,
    check_version,
    month_span,
)
from reporting_svc.projections.budgets.budgets import __doc__ as RULES
from reporting_svc.projections.budgets.query import (
    budgets_between,
    collected_between,
    locked_version,
    month_budgets,
    record_version,
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


def _month_out(month: str, lines: Sequence[BudgetLine]) -> dict[str, Any]:
    return {"month": month, "budgets": [
        {"segment": b.segment, "currency": b.currency,
         "amount": format_minor(b.amount, b.currency)} for b in lines]}  # fmt: skip


@router.get(
    "/v1/collection-budgets/{month}",
    summary="A month's collection budgets, with the ETag to change them by",
)
async def get_month_budgets(
    month: Month, response: Response, session: DbSession, _: CanReadReports
) -> dict[str, Any]:
    version, lines = await month_budgets(session, month)
    response.headers["ETag"] = etag(version)
    return _month_out(month, lines)


@router.put(
    "/v1/collection-budgets/{month}",
    summary="Set a month's collection budgets",
    description='Needs `If-Match` with the ETag the month was read with (`"0"` for a month '
    "never set): 428 without it, 412 when the budgets changed since.",
)
async def put_collection_budgets(
    month: Month,
    body: BudgetsIn,
    response: Response,
    session: DbSession,
    _: CanSetBudgets,
    if_match: RequiredIfMatch,
) -> dict[str, Any]:
    expected = accepted_versions(if_match)
    lines = budget_lines([(b.segment, b.currency, b.amount) for b in body.budgets])
    version = await locked_version(session, month)
    check_version(month, version, expected)
    await replace_budgets(session, month, lines)
    await record_version(session, month, version + 1)
    await session.commit()
    response.headers["ETag"] = etag(version + 1)
    return _month_out(month, lines)


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
