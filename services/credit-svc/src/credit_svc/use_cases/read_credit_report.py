"""A customer's credit report: profile, exposure, limit history, ratios, the score breakdown
and every input with its source, and the warnings — read in one transaction."""

from dataclasses import dataclass
from datetime import datetime

from credit_svc.adapters.credit_inputs import Recorded
from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.assessment import Assessment
from credit_svc.domain.assessment_inputs import inputs_of
from credit_svc.domain.financial_statements import FinancialStatement
from credit_svc.domain.limits import CreditLimit
from credit_svc.domain.scorecard import InputValue
from credit_svc.domain.warnings import CreditWarning
from credit_svc.use_cases.gather_evidence import evidence_of
from credit_svc.use_cases.read_credit_profile import CreditProfile, read_credit_profile
from ledgerflow_platform.errors import DomainError


class ReportFontMissing(DomainError):
    def __init__(self) -> None:
        super().__init__("No font with CJK glyphs is installed; set CREDIT_REPORT_FONT.")


@dataclass(frozen=True)
class CreditReport:
    name: str | None
    profile: CreditProfile
    as_of_now: datetime
    limits: list[CreditLimit]
    statement: Recorded[FinancialStatement] | None
    inputs: list[InputValue]
    assessment: Assessment | None
    warnings: list[CreditWarning]


async def read_credit_report(
    uow: CreditUnitOfWork, customer_id: str, now: datetime
) -> CreditReport:
    profile = await read_credit_profile(uow, customer_id, now)
    statements = await uow.inputs.statements(customer_id)
    assessments = await uow.assessments.of(customer_id)
    evidence = await evidence_of(uow, customer_id, now.date())
    return CreditReport(
        name=await uow.accounts.name_of(customer_id),
        profile=profile,
        as_of_now=now,
        limits=await uow.limits.history(customer_id),
        statement=statements[0] if statements else None,
        inputs=list(inputs_of(evidence).values()),
        assessment=assessments[0] if assessments else None,
        warnings=await uow.warnings.of(customer_id),
    )
