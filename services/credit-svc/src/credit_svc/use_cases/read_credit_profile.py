"""A customer's credit profile: standing, holds and the terms it is held to."""

from dataclasses import dataclass
from datetime import date, datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.holds import Hold
from credit_svc.domain.standing import Standing
from credit_svc.domain.terms import CreditTerms
from credit_svc.use_cases.credit_standing import account_of, standing_now


@dataclass(frozen=True)
class CreditProfile:
    standing: Standing
    holds: list[Hold]
    terms: CreditTerms
    terms_days: int | None
    grade: str | None = None
    policy_version: int | None = None
    next_review_on: date | None = None


async def read_credit_profile(
    uow: CreditUnitOfWork, customer_id: str, now: datetime
) -> CreditProfile:
    account = await account_of(uow, customer_id)
    policy = await uow.policies.in_force()
    return CreditProfile(
        standing=await standing_now(uow, account, now),
        holds=await uow.holds.open_of(customer_id),
        # The grade's terms under the policy in force; the ungraded terms until assessed.
        terms=policy.terms_of(account.grade),
        terms_days=policy.terms_days_of(account.grade, account.terms_days),
        grade=account.grade,
        policy_version=policy.version,
        next_review_on=account.next_review_on,
    )
