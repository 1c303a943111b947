"""Assignment by rules: who works a newly opened case, and the rules themselves."""

from collections.abc import Sequence
from datetime import date, datetime

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.assignment import AssignmentRule, RuleSet, check_rules
from collections_svc.domain.case import CollectionCase
from ledgerflow_events.contracts.collections import CaseAssigned

# A replacement of the rules between reading them and taking a turn is rare: read them again.
_TRIES = 3


async def assign_new_case(
    uow: CollectionsUnitOfWork, case: CollectionCase, on: date
) -> CollectionCase:
    """The case opened just now, handed to the next collector of the first rule matching its
    customer; unchanged when it has a collector already or no rule matches."""
    if case.collector is not None:
        return case
    profile = await uow.profiles.of(case.customer_id)
    for _ in range(_TRIES):
        rules = await uow.assignment.current()
        position = rules.first_match(profile)
        if position is None:
            return case
        turn = await uow.assignment.take_turn(rules.version, position)
        if turn is None:
            continue
        collector = rules.rules[position].collector_for(turn)
        await uow.emit(
            CaseAssigned(
                customer_id=case.customer_id, case_id=case.id, collector=collector, assigned_on=on
            )
        )
        return case.assign(collector, on)
    return case


async def set_assignment_rules(
    uow: CollectionsUnitOfWork, rules: Sequence[AssignmentRule], at: datetime
) -> RuleSet:
    """The rules in force from now: unchanged (same version, same turns) when they are the
    ones already in force, so repeating the call changes nothing."""
    checked = check_rules(rules)
    current = await uow.assignment.current()
    if current.version and current.rules == checked:
        return current
    return await uow.assignment.replace(checked, at)
