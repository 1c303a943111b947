"""Dunning policies: the levels an overdue invoice climbs, one per run, and when each is due.

Policies are versioned by name: a new version is a draft until activated, and activating it
retires the version that was in force. Customers follow the `default` policy unless another is
assigned to them; an assignment names the policy, so a new version applies at once.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ledgerflow_platform.errors import DomainError

DEFAULT_POLICY = "default"


class Channel(StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    PHONE_TASK = "phone_task"
    VISIT_TASK = "visit_task"


class Template(StrEnum):
    REMINDER = "reminder"
    NOTICE = "notice"
    FINAL_NOTICE = "final_notice"
    ESCALATION = "escalation"


class Escalation(StrEnum):
    STOP_SUPPLY = "stop_supply"
    LEGAL = "legal"


class PolicyStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


@dataclass(frozen=True)
class DunningLevel:
    """A step of a policy: due `days_from_due` days after the due date (negative: before it)."""

    level: int
    days_from_due: int
    channel: Channel
    template: Template
    # A decimal amount charged by the ledger in the invoice's currency; None: no fee.
    fee: str | None = None
    escalation: Escalation | None = None

    @property
    def before_due(self) -> bool:
        return self.days_from_due < 0


@dataclass(frozen=True)
class DunningPolicy:
    id: str
    name: str
    version: int
    status: PolicyStatus
    levels: tuple[DunningLevel, ...]
    min_days_between_notices: int
    # Minor units per currency; an invoice open for less is not dunned.
    min_amount: Mapping[str, int]
    promise_grace_days: int

    @property
    def is_default(self) -> bool:
        return self.name == DEFAULT_POLICY and self.status is PolicyStatus.ACTIVE


class InvalidLevels(DomainError):
    """The levels do not climb: numbered 1, 2, 3… with days_from_due rising."""


class PolicyNotFound(DomainError):
    def __init__(self, policy_id: str, *, field: str | None = None) -> None:
        super().__init__(f"No dunning policy with id {policy_id}.", field=field)
        self.policy_id = policy_id


class PolicyNotDraft(DomainError):
    def __init__(self, policy_id: str, status: PolicyStatus) -> None:
        super().__init__(f"Dunning policy {policy_id} is {status}; only a draft can be activated.")


class PolicyNotInForce(DomainError):
    def __init__(self, policy_id: str) -> None:
        super().__init__(
            f"Dunning policy {policy_id} has no version in force; activate it first.",
            field="policy_id",
        )


def check_levels(levels: Sequence[DunningLevel]) -> tuple[DunningLevel, ...]:
    """The levels, if they climb one by one and each falls due after the one before."""
    if not levels:
        raise InvalidLevels("A policy needs at least one level.", field="levels")
    for index, level in enumerate(levels):
        if level.level != index + 1:
            raise InvalidLevels(
                f"Levels are numbered 1, 2, 3… in order; found {level.level} at position "
                f"{index + 1}.",
                field=f"levels.{index}.level",
            )
        if index and level.days_from_due <= levels[index - 1].days_from_due:
            raise InvalidLevels(
                "Each level must fall due after the one before it.",
                field=f"levels.{index}.days_from_due",
            )
    return tuple(levels)
