"""Assignment by rules (issue 11, item 4): a case opened without a collector goes to the
collectors of the first rule matching the customer's region and segment, in turn.

- Rules are ordered; the first whose region (if it names one) is the customer's region and
  whose segment (if it names one) is among the customer's segments wins. A rule naming neither
  matches everyone: put it last as a catch-all.
- Each rule hands out its collectors round robin: turn n goes to collectors[n mod count].
- A customer no rule matches keeps an unassigned case (it shows on the worklist as such).
- The whole list is replaced at once (a new version); each rule's rotation starts afresh.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ledgerflow_platform.errors import DomainError


@dataclass(frozen=True)
class CustomerProfile:
    """What assignment knows of a customer: codes from customer-svc, nothing personal."""

    region: str | None = None
    segments: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class AssignmentRule:
    region: str | None
    segment: str | None
    collectors: tuple[str, ...]

    def matches(self, profile: CustomerProfile) -> bool:
        return (self.region is None or self.region == profile.region) and (
            self.segment is None or self.segment in profile.segments
        )

    def collector_for(self, turn: int) -> str:
        return self.collectors[turn % len(self.collectors)]


@dataclass(frozen=True)
class RuleSet:
    """The rules in force: version 0 (no rules) until the first list is set."""

    version: int = 0
    rules: tuple[AssignmentRule, ...] = ()
    set_at: datetime | None = None
    # The turn each rule is at, by position: who gets its next case.
    turns: tuple[int, ...] = ()

    def first_match(self, profile: CustomerProfile) -> int | None:
        """The position of the rule that assigns this customer's cases, if any does."""
        return next((i for i, rule in enumerate(self.rules) if rule.matches(profile)), None)


class InvalidRules(DomainError):
    """A rule hands cases to nobody, or names a collector twice."""


def check_rules(rules: Sequence[AssignmentRule]) -> tuple[AssignmentRule, ...]:
    for index, rule in enumerate(rules):
        if not rule.collectors:
            raise InvalidRules(
                "A rule needs at least one collector.", field=f"rules.{index}.collectors"
            )
        if len(set(rule.collectors)) != len(rule.collectors):
            raise InvalidRules(
                "A rule names each collector once; its rotation gives them equal turns.",
                field=f"rules.{index}.collectors",
            )
    return tuple(rules)
