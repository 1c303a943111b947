"""The worklist: open cases, the most urgent first.

A case's priority is a whole number, the sum of four parts:
1. amount: 10 points per digit of the collectible amount in whole currency units (overdue
   less what is disputed): 0.50 → 0, 9.99 → 10, 1,250.00 → 40, 1,000,000.00 → 70;
2. age: 1 point per day past due of the customer's oldest overdue invoice;
3. credit grade (credit.grade_changed): A 0, B 10, C 20, D 40, E 60; not graded 20;
4. broken promises: 25 points for each promise of the customer ever broken.
Ties go to the larger collectible amount, then the older case.
"""

from dataclasses import dataclass

from collections_svc.domain.case import CollectionCase

GRADE_POINTS = {"A": 0, "B": 10, "C": 20, "D": 40, "E": 60}
UNGRADED_POINTS = 20
POINTS_PER_DIGIT = 10
POINTS_PER_BROKEN_PROMISE = 25


@dataclass(frozen=True)
class CaseFacts:
    """What the worklist weighs about one open case's customer."""

    overdue_amount: int
    disputed_amount: int
    oldest_days_past_due: int
    grade: str | None
    broken_promises: int

    @property
    def collectible_amount(self) -> int:
        return max(self.overdue_amount - self.disputed_amount, 0)


def priority(facts: CaseFacts, scale: int) -> int:
    whole_units = facts.collectible_amount // 10**scale
    amount = POINTS_PER_DIGIT * len(str(whole_units)) if whole_units > 0 else 0
    age = max(facts.oldest_days_past_due, 0)
    grade = GRADE_POINTS.get(facts.grade, UNGRADED_POINTS) if facts.grade else UNGRADED_POINTS
    return amount + age + grade + POINTS_PER_BROKEN_PROMISE * facts.broken_promises


@dataclass(frozen=True)
class WorkItem:
    case: CollectionCase
    facts: CaseFacts
    priority: int


def ordered(items: list[WorkItem]) -> list[WorkItem]:
    return sorted(
        items,
        key=lambda i: (-i.priority, -i.facts.collectible_amount, i.case.opened_on, i.case.id),
    )
