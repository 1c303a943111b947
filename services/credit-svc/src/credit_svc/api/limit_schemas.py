"""Credit limits over HTTP: requests, decisions and their history."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from credit_svc.domain.limits import CreditLimit
from ledgerflow_events.money import format_minor

DecimalText = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^-?\d{1,20}(\.\d{1,20})?$")
]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class SetCreditLimit(BaseModel):
    """A new limit for the customer, in its account currency."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"amount": "25000.00", "reason": "Annual review"}]},
    )

    amount: DecimalText = Field(description="Zero or more, at the currency's scale")
    currency: CurrencyCode | None = Field(default=None, description="If given, the account's")
    reason: Reason


class CreditLimitOut(BaseModel):
    """A limit decision; a pending one waits for a second credit manager's approval."""

    id: str
    customer_id: str
    currency: str
    amount: str
    previous_amount: str | None = Field(description="The limit it replaced; null if none")
    reason: str
    status: str = Field(description="active, pending_approval or superseded")
    requested_by: str
    requested_at: datetime
    approved_by: str | None
    effective_at: datetime | None = Field(description="When it came into force")


class CreditLimitHistory(BaseModel):
    items: list[CreditLimitOut] = Field(description="Every decision, oldest first")


def limit_out(limit: CreditLimit) -> CreditLimitOut:
    previous = limit.previous_amount
    return CreditLimitOut(
        id=limit.id,
        customer_id=limit.customer_id,
        currency=limit.currency,
        amount=format_minor(limit.amount, limit.currency),
        previous_amount=None if previous is None else format_minor(previous, limit.currency),
        reason=limit.reason,
        status=limit.status,
        requested_by=limit.requested_by,
        requested_at=limit.requested_at,
        approved_by=limit.approved_by,
        effective_at=limit.effective_at,
    )
