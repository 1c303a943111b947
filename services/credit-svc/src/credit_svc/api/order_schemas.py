"""The order path over HTTP: credit checks, reservations and overrides."""

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from credit_svc.api.limit_schemas import CurrencyCode, DecimalText, Reason
from credit_svc.domain.credit_check import CheckOutcome
from credit_svc.domain.reservations import Override, Reservation
from ledgerflow_events.money import format_minor
from ledgerflow_platform.web.bounds import BusinessDate

CustomerId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
OrderReference = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)
]


def _date_or_time(value: object) -> object:
    # A bare date would otherwise be read as midnight at its start, not the end of the day.
    if isinstance(value, str) and len(value) == len("2026-12-31"):
        return date.fromisoformat(value)
    return value


Expiry = Annotated[
    datetime | date,
    BeforeValidator(_date_or_time),
    Field(description="RFC 3339 time with offset, or a date: the end of that business day"),
]


class CheckCredit(BaseModel):
    """An order to judge, and whether to reserve credit for it if approved."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "customer_id": "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                    "amount": "1200.00",
                    "currency": "EUR",
                    "order_reference": "SO-2026-00042",
                    "reserve": True,
                    "expires_at": "2026-12-15",
                }
            ]
        },
    )

    customer_id: CustomerId
    amount: DecimalText = Field(description="The order's amount, more than zero")
    currency: CurrencyCode = Field(description="The customer's account currency")
    order_reference: OrderReference | None = None
    reserve: bool = Field(default=False, description="Reserve the amount if approved")
    expires_at: Expiry | None = None


class ReasonOut(BaseModel):
    code: str = Field(
        description="no_credit_limit, over_limit, on_hold, overdue_beyond_tolerance or "
        "prepayment_required"
    )
    message: str


class CreditCheckOut(BaseModel):
    decision: str = Field(description="approved, referred or declined")
    reasons: list[ReasonOut]
    exposure: str = Field(description="Exposure before this order")
    available_before: str | None
    available_after: str | None
    reservation_id: str | None


class ReserveCredit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer_id: CustomerId
    amount: DecimalText = Field(description="More than zero")
    currency: CurrencyCode
    order_reference: OrderReference
    expires_at: Expiry


class ReservationOut(BaseModel):
    id: str
    customer_id: str
    currency: str
    amount: str
    order_reference: str
    expires_at: datetime
    status: str = Field(description="live, converted, released or expired")
    invoice_id: str | None
    created_at: datetime
    ended_at: datetime | None


class ExpiryRun(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: BusinessDate = Field(
        description="The business date: reservations expiring by its end lapse"
    )


class ExpiryRunOut(BaseModel):
    as_of: date
    expired: list[str] = Field(description="The reservations that lapsed")


class OverrideOrder(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer_id: CustomerId
    order_reference: OrderReference
    amount: DecimalText = Field(description="Up to this amount the order's next check approves")
    reason: Reason


class OverrideOut(BaseModel):
    id: str
    customer_id: str
    order_reference: str
    currency: str
    amount: str
    reason: str
    granted_by: str
    granted_at: datetime


def check_out(outcome: CheckOutcome, currency: str, reservation_id: str | None) -> CreditCheckOut:
    def money(minor: int | None) -> str | None:
        return None if minor is None else format_minor(minor, currency)

    return CreditCheckOut(
        decision=outcome.decision,
        reasons=[ReasonOut(code=r.code, message=r.message) for r in outcome.reasons],
        exposure=format_minor(outcome.exposure, currency),
        available_before=money(outcome.available_before),
        available_after=money(outcome.available_after),
        reservation_id=reservation_id,
    )


def reservation_out(r: Reservation) -> ReservationOut:
    return ReservationOut(
        id=r.id,
        customer_id=r.customer_id,
        currency=r.currency,
        amount=format_minor(r.amount, r.currency),
        order_reference=r.order_reference,
        expires_at=r.expires_at,
        status=r.status,
        invoice_id=r.invoice_id,
        created_at=r.created_at,
        ended_at=r.ended_at,
    )


def override_out(o: Override) -> OverrideOut:
    return OverrideOut(
        id=o.id,
        customer_id=o.customer_id,
        order_reference=o.order_reference,
        currency=o.currency,
        amount=format_minor(o.amount, o.currency),
        reason=o.reason,
        granted_by=o.granted_by,
        granted_at=o.granted_at,
    )
