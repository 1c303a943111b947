"""Facts about customers' credit standing, published by credit-svc on credit.events.

Grades and limits are decisions a credit manager (or the policy) stands behind: collections
ranks its worklist by grade, reporting groups by grade and shows exposure against limits.
"""

from datetime import date, datetime
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData

Grade = Annotated[str, StringConstraints(pattern=r"^[A-E]$")]


class GradeChanged(EventData):
    """An assessment moved a customer to another credit grade (or graded it for the first
    time); collections re-ranks its cases, reporting regroups the customer."""

    producer: ClassVar[str] = "credit"
    fact: ClassVar[str] = "grade_changed"

    assessment_id: str = Field(description="The assessment that decided the grade")
    from_grade: Grade | None = Field(description="The grade before; null if never graded")
    to_grade: Grade = Field(description="The grade now in force, A (best) to E (weakest)")
    score: str = Field(description="The scorecard's total, a decimal string")
    policy_version: int = Field(description="The credit policy version the score was taken under")
    assessed_on: date = Field(description="The business date the assessment is as of")


class CreditLimitChanged(EventData):
    """A customer's credit limit came into force (set, raised, lowered or removed); reporting
    shows exposure against it, order systems may refresh what they cache."""

    producer: ClassVar[str] = "credit"
    fact: ClassVar[str] = "credit_limit_changed"

    limit_id: str = Field(description="The limit decision, as listed in its history")
    currency: CurrencyCode = Field(description="The account's currency")
    previous_limit: Amount | None = Field(description="The limit before; null if none was set")
    credit_limit: Amount | None = Field(description="The limit now in force; null removes it")
    reason: str = Field(description="Why, in the credit manager's words (no personal data)")
    effective_at: datetime = Field(description="When it came into force (RFC 3339, UTC)")
