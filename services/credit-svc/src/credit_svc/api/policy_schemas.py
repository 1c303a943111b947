"""The credit policy's HTTP contract: the rules as a credit manager writes them."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from credit_svc.api.limit_schemas import DecimalText
from credit_svc.domain.policy import CreditPolicy

Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=7, decimal_places=2)]
Days = Annotated[int, Field(ge=0, le=365)]
ScoreInput = Literal[
    "altman_z",
    "bureau_score",
    "current_ratio",
    "quick_ratio",
    "debt_to_assets",
    "days_beyond_terms",
    "late_share",
    "longest_days_past_due",
    "returned_payments",
    "write_offs",
    "broken_promises",
    "open_disputes",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Band(Strict):
    at_least: Annotated[Decimal, Field(ge=-1000, le=1000)] = Field(
        description="The input's value from which these points are given"
    )
    points: Annotated[int, Field(ge=0, le=100)]


class ScorecardInput(Strict):
    input: ScoreInput
    weight: Annotated[int, Field(ge=0, le=100)] = Field(description="Weights add up to 100")
    bands: list[Band] = Field(min_length=1, max_length=20)


class LimitRule(Strict):
    kind: Literal["fixed", "sales_percent", "equity_percent"]
    amount: DecimalText | None = Field(default=None, description="For fixed: the limit")
    percent: Percent | None = Field(default=None, description="Of last-12-months sales or equity")
    cap: DecimalText | None = Field(default=None, description="The most a percent rule gives")


class UngradedRule(Strict):
    prepayment_percent: Percent
    guarantee_required: bool
    overdue_tolerance_days: Days
    over_limit_tolerance_percent: Percent


class GradeRule(UngradedRule):
    limit_rule: LimitRule
    terms_days: Days
    review_months: Annotated[int, Field(ge=1, le=36)]


class GradeThresholds(Strict):
    A: Percent
    B: Percent
    C: Percent
    D: Percent


class Grades(Strict):
    A: GradeRule
    B: GradeRule
    C: GradeRule
    D: GradeRule
    E: GradeRule


class WarningThresholds(Strict):
    large_debt_exposure: DecimalText = Field(
        default="250000.00", description="Warn above this exposure (account currency)"
    )
    large_debt_utilisation_percent: Annotated[Decimal, Field(ge=0, le=100_000)] = Field(
        default=Decimal(90), description="Warn when exposure is above this percent of the limit"
    )
    long_unpaid_days: Days = Field(default=60, description="Oldest owed invoice past due over")
    behaviour_drift_days: Days = Field(
        default=10, description="90-day days beyond terms above the 12-month figure by over"
    )
    returned_payments: Annotated[int, Field(ge=0, le=100)] = Field(
        default=1, description="Returned payments in 12 months that warn; 0: never"
    )


class PolicyRules(Strict):
    """A credit policy: scorecard, grade thresholds, per-grade terms, ungraded terms."""

    name: Annotated[str, Field(min_length=1, max_length=100)]
    scorecard: list[ScorecardInput] = Field(min_length=1, max_length=10)
    grade_thresholds: GradeThresholds
    grades: Grades
    ungraded: UngradedRule
    hold_on_returned_payment: bool = Field(
        default=True, description="Hold while a returned payment's invoices are owed again"
    )
    warnings: WarningThresholds = Field(default_factory=WarningThresholds)


class PolicyOut(BaseModel):
    version: int
    status: str = Field(description="draft, active or retired")
    rules: dict[str, Any]
    created_by: str
    created_at: datetime
    activated_at: datetime | None


class PolicyList(BaseModel):
    items: list[PolicyOut] = Field(description="Every version, newest first")


def policy_out(policy: CreditPolicy) -> PolicyOut:
    return PolicyOut(
        version=policy.version,
        status=policy.status,
        rules=policy.rules,
        created_by=policy.created_by,
        created_at=policy.created_at,
        activated_at=policy.activated_at,
    )
