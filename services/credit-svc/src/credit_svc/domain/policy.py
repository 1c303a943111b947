"""The credit policy, versioned: what each grade is given, and how customers are scored.

1. A new version starts as a draft; activating it puts it in force and retires the one before
   (still readable). Exactly one version is in force; the first is installed with the service.
2. Grades run A (best) to E; `grade_thresholds` gives the least score of A to D, descending.
3. Per grade: the limit rule (a fixed amount, or a percent of last-12-months sales or of
   equity, capped), payment terms, prepayment percent, guarantee, review frequency, and the
   overdue and over-limit tolerances. Customers never graded are held to `ungraded`.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from credit_svc.domain.terms import CreditTerms
from ledgerflow_platform.errors import DomainError

GRADES = ("A", "B", "C", "D", "E")
# The default policy's early-warning thresholds (migration 0006 adds them to version 1).
DEFAULT_WARNINGS: dict[str, Any] = {
    "large_debt_exposure": "250000.00",
    "large_debt_utilisation_percent": "90",
    "long_unpaid_days": 60,
    "behaviour_drift_days": 10,
    "returned_payments": 1,
}


class PolicyStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


class PolicyNotFound(DomainError):
    def __init__(self, version: int) -> None:
        super().__init__(f"No credit policy version {version}.", field="version")


class PolicyNotDraft(DomainError):
    def __init__(self, version: int, status: str, action: str = "activate") -> None:
        super().__init__(f"Credit policy version {version} is {status}; only drafts {action}.")


class PolicyNotValid(DomainError):
    """The policy's rules contradict each other."""


@dataclass(frozen=True)
class CreditPolicy:
    version: int
    status: PolicyStatus
    # The rules as written (scorecard, thresholds, grades, ungraded): kept whole, read below.
    rules: dict[str, Any]
    created_by: str
    created_at: datetime
    activated_at: datetime | None = None

    def ungraded_terms(self) -> CreditTerms:
        return _terms(self.rules["ungraded"])

    def terms_of(self, grade: str | None) -> CreditTerms:
        return self.ungraded_terms() if grade is None else _terms(self.rules["grades"][grade])

    def warning_thresholds(self) -> dict[str, Any]:
        return dict(self.rules.get("warnings", DEFAULT_WARNINGS))

    def terms_days_of(self, grade: str | None, registered: int | None) -> int | None:
        """Payment terms: the grade's, or those registered while ungraded."""
        return registered if grade is None else int(self.rules["grades"][grade]["terms_days"])


def _terms(rule: dict[str, Any]) -> CreditTerms:
    return CreditTerms(
        over_limit_tolerance_percent=Decimal(rule["over_limit_tolerance_percent"]),
        overdue_tolerance_days=int(rule["overdue_tolerance_days"]),
        prepayment_percent=Decimal(rule["prepayment_percent"]),
        guarantee_required=bool(rule["guarantee_required"]),
    )


def checked_rules(rules: dict[str, Any]) -> dict[str, Any]:
    thresholds = rules["grade_thresholds"]
    levels = [Decimal(thresholds[g]) for g in GRADES[:-1]]
    if levels != sorted(levels, reverse=True) or len(set(levels)) != len(levels):
        raise PolicyNotValid(
            "Grade thresholds must fall strictly from A to D.", field="grade_thresholds"
        )
    weights = sum(Decimal(i["weight"]) for i in rules["scorecard"])
    if weights != 100:
        raise PolicyNotValid(
            f"Scorecard weights must add up to 100, not {weights}.", field="scorecard"
        )
    return rules


def activate(policy: CreditPolicy, now: datetime) -> CreditPolicy:
    if policy.status is not PolicyStatus.DRAFT:
        raise PolicyNotDraft(policy.version, policy.status)
    return CreditPolicy(
        policy.version, PolicyStatus.ACTIVE, policy.rules, policy.created_by, policy.created_at, now
    )
