"""A credit manager (or a review) assesses a customer as of a business date: its inputs are
scored under the policy in force, the grade and its terms take effect, a grade change is told,
and the limit the grade's rule proposes may be put in force (four eyes apply)."""

from collections.abc import Callable
from datetime import date, datetime

from uuid6 import uuid7

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.assessment import Assessment, judge, next_review_on, rounded_score
from credit_svc.domain.limits import CreditLimit
from credit_svc.use_cases.credit_standing import account_of
from credit_svc.use_cases.gather_evidence import evidence_of
from credit_svc.use_cases.review_automatic_holds import review_automatic_holds
from credit_svc.use_cases.set_credit_limit import set_credit_limit
from ledgerflow_events.contracts.credit import GradeChanged
from ledgerflow_events.money import format_minor


async def assess_customer(
    uow: CreditUnitOfWork,
    customer_id: str,
    *,
    as_of: date,
    apply_limit: bool,
    threshold_of: Callable[[str], int],
    by: str,
    now: datetime,
) -> tuple[Assessment, CreditLimit | None]:
    await uow.lock_customer(customer_id)
    account = await account_of(uow, customer_id)
    policy = await uow.policies.in_force()
    judgement = judge(policy, await evidence_of(uow, customer_id, as_of), account.currency)
    assessment = Assessment(
        id=str(uuid7()),
        customer_id=customer_id,
        as_of=as_of,
        currency=account.currency,
        judgement=judgement,
        previous_grade=account.grade,
        assessed_by=by,
        assessed_at=now,
    )
    await uow.assessments.add(assessment)
    await uow.accounts.set_grade(
        customer_id, judgement.grade, next_review_on(policy, judgement.grade, as_of)
    )
    if assessment.grade_changed:
        await uow.emit(
            GradeChanged(
                customer_id=customer_id,
                assessment_id=assessment.id,
                from_grade=account.grade,
                to_grade=judgement.grade,
                score=rounded_score(judgement.score.total),
                policy_version=policy.version,
                assessed_on=as_of,
            )
        )
    limit = None
    if apply_limit:
        limit = await set_credit_limit(
            uow,
            customer_id,
            amount=format_minor(judgement.proposed_limit, account.currency),
            currency=account.currency,
            reason=f"Grade {judgement.grade} under credit policy {policy.version}",
            threshold_of=threshold_of,
            by=by,
            now=now,
        )
    # The grade's tolerances may hold the customer, or release it.
    await review_automatic_holds(uow, customer_id, as_of=as_of, now=now)
    return assessment, limit
