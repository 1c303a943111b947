"""Run a draft policy over every customer's current inputs before anyone activates it: per
customer, the grade and limit under the policy in force and under the draft."""

from dataclasses import dataclass
from datetime import date

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.assessment import Judgement, judge
from credit_svc.domain.policy import PolicyNotDraft, PolicyNotFound, PolicyStatus
from credit_svc.domain.scorecard import GRADES
from credit_svc.use_cases.gather_evidence import evidence_of


@dataclass(frozen=True)
class Compared:
    customer_id: str
    currency: str
    active: Judgement
    draft: Judgement

    @property
    def grade_changed(self) -> bool:
        return self.active.grade != self.draft.grade

    @property
    def limit_changed(self) -> bool:
        return self.active.proposed_limit != self.draft.proposed_limit

    @property
    def upgraded(self) -> bool:
        return GRADES.index(self.draft.grade) < GRADES.index(self.active.grade)


@dataclass(frozen=True)
class Simulation:
    active_version: int
    draft_version: int
    as_of: date
    customers: list[Compared]


async def simulate_policy(uow: CreditUnitOfWork, version: int, *, as_of: date) -> Simulation:
    draft = await uow.policies.get(version)
    if draft is None:
        raise PolicyNotFound(version)
    if draft.status is not PolicyStatus.DRAFT:
        raise PolicyNotDraft(version, draft.status, action="are simulated")
    active = await uow.policies.in_force()
    compared = []
    for customer_id in await uow.accounts.all_ids():
        account = await uow.accounts.get(customer_id)
        assert account is not None, "listed accounts exist"
        evidence = await evidence_of(uow, customer_id, as_of)
        compared.append(
            Compared(
                customer_id,
                account.currency,
                judge(active, evidence, account.currency),
                judge(draft, evidence, account.currency),
            )
        )
    return Simulation(active.version, draft.version, as_of, compared)
