"""A customer's credit profile: standing, holds and the terms it is held to."""

from dataclasses import dataclass
from datetime import datetime

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


async def read_credit_profile(
    uow: CreditUnitOfWork, customer_id: str, now: datetime
) -> CreditProfile:
    account = await account_of(uow, customer_id)
    policy = await uow.policies.in_force()
    return CreditProfile(
        standing=await standing_now(uow, account, now),
        holds=await uow.holds.open_of(customer_id),
        # Until assessments grade customers, every customer is held to the ungraded terms.
        terms=policy.ungraded_terms(),
        terms_days=account.terms_days,
        policy_version=policy.version,
    )
