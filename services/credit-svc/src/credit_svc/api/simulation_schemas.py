"""A draft policy's simulation over HTTP: every customer under both policies, and the counts."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from credit_svc.domain.assessment import Judgement
from credit_svc.use_cases.simulate_policy import Simulation
from ledgerflow_events.money import format_minor


class Simulate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"as_of": "2026-11-30"}]}
    )

    as_of: date = Field(description="The business date the inputs are taken as of")


class GradedOut(BaseModel):
    grade: str
    score: str
    limit: str = Field(description="The limit the grade's rule gives")


class ComparedOut(BaseModel):
    customer_id: str
    currency: str
    active: GradedOut
    draft: GradedOut
    grade_changed: bool
    limit_changed: bool


class ChangeCounts(BaseModel):
    customers: int
    grade_changes: int
    upgrades: int
    downgrades: int
    limit_changes: int


class SimulationOut(BaseModel):
    active_version: int
    draft_version: int
    as_of: date
    customers: list[ComparedOut] = Field(description="Every customer, by customer id")
    counts: ChangeCounts


def _graded(j: Judgement, currency: str) -> GradedOut:
    return GradedOut(
        grade=j.grade, score=f"{j.score.total:.2f}", limit=format_minor(j.proposed_limit, currency)
    )


def simulation_out(s: Simulation) -> SimulationOut:
    changed = [c for c in s.customers if c.grade_changed]
    return SimulationOut(
        active_version=s.active_version,
        draft_version=s.draft_version,
        as_of=s.as_of,
        customers=[
            ComparedOut(
                customer_id=c.customer_id,
                currency=c.currency,
                active=_graded(c.active, c.currency),
                draft=_graded(c.draft, c.currency),
                grade_changed=c.grade_changed,
                limit_changed=c.limit_changed,
            )
            for c in s.customers
        ],
        counts=ChangeCounts(
            customers=len(s.customers),
            grade_changes=len(changed),
            upgrades=sum(1 for c in changed if c.upgraded),
            downgrades=sum(1 for c in changed if not c.upgraded),
            limit_changes=sum(1 for c in s.customers if c.limit_changed),
        ),
    )
