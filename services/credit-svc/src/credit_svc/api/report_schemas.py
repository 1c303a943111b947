"""The credit report as JSON: one customer's whole credit picture, explained."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from credit_svc.api.assessment_schemas import AssessmentOut, assessment_out
from credit_svc.api.input_schemas import StatementOut, statement_out
from credit_svc.api.limit_schemas import CreditLimitOut, limit_out
from credit_svc.api.profile_schemas import CreditProfileOut, profile_out
from credit_svc.api.review_schemas import WarningOut, warning_out
from credit_svc.domain.financial_statements import rounded
from credit_svc.use_cases.read_credit_report import CreditReport


class InputOut(BaseModel):
    input: str
    value: str | None = Field(description="To the hundredth; null: unknown")
    source: str
    as_of: date | None


class CreditReportOut(BaseModel):
    customer_id: str
    name: str | None = Field(description="The customer's name as registered")
    generated_at: datetime
    profile: CreditProfileOut
    limit_history: list[CreditLimitOut] = Field(description="Oldest first")
    latest_statement: StatementOut | None = Field(description="With its ratios")
    inputs: list[InputOut] = Field(description="Every input a scorecard may read, as of today")
    latest_assessment: AssessmentOut | None = Field(description="With its score breakdown")
    warnings: list[WarningOut] = Field(description="Latest raised first")


def report_out(report: CreditReport) -> CreditReportOut:
    return CreditReportOut(
        customer_id=report.profile.standing.customer_id,
        name=report.name,
        generated_at=report.as_of_now,
        profile=profile_out(report.profile),
        limit_history=[limit_out(x) for x in report.limits],
        latest_statement=None if report.statement is None else statement_out(report.statement),
        inputs=[
            InputOut(input=i.input, value=rounded(i.value), source=i.source, as_of=i.as_of)
            for i in report.inputs
        ],
        latest_assessment=None if report.assessment is None else assessment_out(report.assessment),
        warnings=[warning_out(w) for w in report.warnings],
    )
