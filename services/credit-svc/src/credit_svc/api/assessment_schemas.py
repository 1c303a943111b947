"""Assessments over HTTP: the score with every input's value, band, weight and points."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from credit_svc.api.limit_schemas import CreditLimitOut, limit_out
from credit_svc.domain.assessment import Assessment
from credit_svc.domain.financial_statements import rounded
from credit_svc.domain.limits import CreditLimit
from credit_svc.domain.scorecard import ScoredInput
from ledgerflow_events.money import format_minor


class Assess(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"as_of": "2026-11-30", "apply_proposed_limit": False}]},
    )

    as_of: date = Field(description="The business date assessed; not after today")
    apply_proposed_limit: bool = Field(
        default=False,
        description="Also set the limit the grade's rule proposes (four eyes apply)",
    )


class ScoredInputOut(BaseModel):
    input: str
    value: str | None = Field(description="The input's value, to the hundredth; null: unknown")
    source: str = Field(
        description="Where it came from: ledger.events, collections.events, "
        "financial_statement:<id>, bureau_report:<id>"
    )
    as_of: date | None = Field(description="The date the value speaks for")
    band: str | None = Field(description="The band's lower bound; null: no band reached")
    weight: int
    points: int = Field(description="The band's points, 0-100")
    contribution: str = Field(description="weight x points / 100")


class AssessmentOut(BaseModel):
    id: str
    customer_id: str
    as_of: date
    policy_version: int
    score: str = Field(description="The sum of contributions, 0-100")
    grade: str
    previous_grade: str | None
    grade_changed: bool
    currency: str
    proposed_limit: str = Field(description="What the grade's limit rule gives")
    inputs: list[ScoredInputOut]
    assessed_by: str
    assessed_at: datetime
    credit_limit: CreditLimitOut | None = Field(
        default=None, description="The limit set from the proposal, when asked to apply it"
    )


class AssessmentList(BaseModel):
    items: list[AssessmentOut] = Field(description="Latest first")


def scored_out(s: ScoredInput) -> ScoredInputOut:
    return ScoredInputOut(
        input=s.found.input,
        value=rounded(s.found.value),
        source=s.found.source,
        as_of=s.found.as_of,
        band=None if s.band is None else format(s.band.normalize(), "f"),
        weight=s.weight,
        points=s.points,
        contribution=rounded(s.contribution) or "0.00",
    )


def assessment_out(a: Assessment, limit: CreditLimit | None = None) -> AssessmentOut:
    j = a.judgement
    return AssessmentOut(
        id=a.id,
        customer_id=a.customer_id,
        as_of=a.as_of,
        policy_version=j.policy_version,
        score=f"{j.score.total:.2f}",
        grade=j.grade,
        previous_grade=a.previous_grade,
        grade_changed=a.grade_changed,
        currency=a.currency,
        proposed_limit=format_minor(j.proposed_limit, a.currency),
        inputs=[scored_out(s) for s in j.score.inputs],
        assessed_by=a.assessed_by,
        assessed_at=a.assessed_at,
        credit_limit=None if limit is None else limit_out(limit),
    )
