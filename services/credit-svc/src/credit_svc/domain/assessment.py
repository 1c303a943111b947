"""An assessment: a customer scored under one policy version as of a business date.

The policy's grade decides the terms; its limit rule proposes a limit, which a credit
manager may put in force (four eyes apply as to any limit). The next review falls the grade's
review months after the date assessed.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from credit_svc.domain.assessment_inputs import Evidence, inputs_of
from credit_svc.domain.limit_rule import proposed_limit
from credit_svc.domain.policy import CreditPolicy
from credit_svc.domain.scorecard import Score, score_of


@dataclass(frozen=True)
class Judgement:
    """What one policy makes of a customer's evidence."""

    policy_version: int
    score: Score
    proposed_limit: int

    @property
    def grade(self) -> str:
        return self.score.grade


@dataclass(frozen=True)
class Assessment:
    id: str
    customer_id: str
    as_of: date
    currency: str
    judgement: Judgement
    previous_grade: str | None
    assessed_by: str
    assessed_at: datetime

    @property
    def grade_changed(self) -> bool:
        return self.previous_grade != self.judgement.grade


def judge(policy: CreditPolicy, evidence: Evidence, currency: str) -> Judgement:
    score = score_of(policy.rules, inputs_of(evidence))
    rule = policy.rules["grades"][score.grade]["limit_rule"]
    limit = proposed_limit(
        rule, sales_12m=evidence.behaviour.sales_12m, equity=evidence.equity, currency=currency
    )
    return Judgement(policy.version, score, limit)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_on(policy: CreditPolicy, grade: str, as_of: date) -> date:
    return add_months(as_of, int(policy.rules["grades"][grade]["review_months"]))


def rounded_score(score: Decimal) -> str:
    return f"{score:.2f}"
