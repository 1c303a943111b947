"""Assignment rules: which collectors get the cases of which customers, in turn."""

from fastapi import APIRouter

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import CanSetPolicy
from collections_svc.api.assignment.schemas import RuleOut, RulesOut, SetRules
from collections_svc.domain.assignment import AssignmentRule, RuleSet
from collections_svc.use_cases.assign_by_rules import set_assignment_rules
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(tags=["cases"])

RULES = (
    "A case opened without a collector goes to the next collector, round robin, of the first "
    "rule whose region (if given) is the customer's region and whose segment (if given) is one "
    "of the customer's segments, as customer-svc's events tell them. A rule with neither "
    "matches every customer. A customer no rule matches keeps an unassigned case."
)


def rules_out(rules: RuleSet) -> RulesOut:
    return RulesOut(
        version=rules.version,
        set_at=rules.set_at,
        rules=[
            RuleOut(
                position=position,
                region=rule.region,
                segment=rule.segment,
                collectors=list(rule.collectors),
                next_collector=rule.collector_for(rules.turns[position]),
            )
            for position, rule in enumerate(rules.rules)
        ],
    )


@router.put(
    "/v1/assignment-rules",
    response_model=RulesOut,
    summary="Replace the rules that assign new cases to collectors",
    description=RULES + " Each change is a new version whose rules start their rotation at "
    "their first collector; sending the rules already in force changes nothing. Cases already "
    "open keep their collector.",
)
async def put_rules(body: SetRules, session: DbSession, now: Now, _: CanSetPolicy) -> RulesOut:
    uow = CollectionsUnitOfWork(session)
    rules = await set_assignment_rules(
        uow,
        [AssignmentRule(r.region, r.segment, tuple(r.collectors)) for r in body.rules],
        now,
    )
    await uow.commit()
    return rules_out(rules)


@router.get(
    "/v1/assignment-rules",
    response_model=RulesOut,
    summary="The rules that assign new cases to collectors, with each rule's next collector",
    description=RULES,
)
async def get_rules(session: DbSession, _: CanSetPolicy) -> RulesOut:
    return rules_out(await CollectionsUnitOfWork(session).assignment.current())
