"""The credit profile's HTTP contract: amounts are decimal strings at the currency's scale."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from credit_svc.adapters.profile_list import ListedStanding
from credit_svc.domain.holds import Hold
from credit_svc.use_cases.read_credit_profile import CreditProfile
from ledgerflow_events.money import format_minor


class HoldOut(BaseModel):
    id: str
    reason: str = Field(description="over_limit, overdue_beyond_tolerance, stop_supply or manual")
    placed_at: datetime
    placed_by: str = Field(description="The credit manager, or credit-control when automatic")


class CreditProfileOut(BaseModel):
    """A customer's exposure against its limit, its holds and the terms it is held to."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer_id": "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                    "currency": "EUR",
                    "grade": None,
                    "credit_limit": "5000.00",
                    "open_receivables": "1250.00",
                    "overdue_amount": "400.00",
                    "reserved": "300.00",
                    "exposure": "1550.00",
                    "available": "3450.00",
                    "utilisation_percent": "31.00",
                    "on_hold": False,
                    "holds": [],
                    "terms_days": 30,
                    "prepayment_percent": "0.00",
                    "guarantee_required": False,
                    "policy_version": None,
                    "next_review_on": None,
                }
            ]
        }
    )

    customer_id: str
    currency: str = Field(description="ISO 4217 account currency")
    grade: str | None = Field(description="A (best) to E; null while never assessed")
    credit_limit: str | None = Field(description="null: no limit set, every order is referred")
    open_receivables: str = Field(description="Everything the customer owes us now")
    overdue_amount: str = Field(description="The part of open_receivables past due")
    reserved: str = Field(description="Held back by live reservations for orders in flight")
    exposure: str = Field(description="open_receivables + reserved")
    available: str | None = Field(description="credit_limit - exposure; negative when over")
    utilisation_percent: str | None = Field(description="exposure / credit_limit, in percent")
    on_hold: bool
    holds: list[HoldOut] = Field(description="The open holds, oldest first")
    terms_days: int | None = Field(description="Payment terms in days, as registered")
    prepayment_percent: str = Field(description="Of each order, asked before delivery")
    guarantee_required: bool
    policy_version: int | None = Field(description="The credit policy graded under; null: none")
    next_review_on: date | None = Field(description="When the customer is due for review")


def hold_out(hold: Hold) -> HoldOut:
    return HoldOut(
        id=hold.id, reason=hold.reason, placed_at=hold.placed_at, placed_by=hold.placed_by
    )


def profile_out(profile: CreditProfile) -> CreditProfileOut:
    standing, currency = profile.standing, profile.standing.currency

    def money(minor: int | None) -> str | None:
        return None if minor is None else format_minor(minor, currency)

    utilisation = standing.utilisation_percent
    return CreditProfileOut(
        customer_id=standing.customer_id,
        currency=currency,
        grade=profile.grade,
        credit_limit=money(standing.credit_limit),
        open_receivables=format_minor(standing.open_receivables, currency),
        overdue_amount=format_minor(standing.overdue_amount, currency),
        reserved=format_minor(standing.reserved, currency),
        exposure=format_minor(standing.exposure, currency),
        available=money(standing.available),
        utilisation_percent=None if utilisation is None else f"{utilisation:.2f}",
        on_hold=bool(profile.holds),
        holds=[hold_out(h) for h in profile.holds],
        terms_days=profile.terms_days,
        prepayment_percent=f"{profile.terms.prepayment_percent:.2f}",
        guarantee_required=profile.terms.guarantee_required,
        policy_version=profile.policy_version,
        next_review_on=profile.next_review_on,
    )


class CreditProfileSummary(BaseModel):
    """A customer's standing in the risk list."""

    customer_id: str
    name: str | None = Field(description="As registered; null until it reaches credit control")
    currency: str
    grade: str | None
    credit_limit: str | None
    exposure: str
    overdue_amount: str = Field(description="The part of what is owed that is past due")
    available: str | None
    utilisation_percent: str | None
    on_hold: bool


class CreditProfilePage(BaseModel):
    items: list[CreditProfileSummary]
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null: last")


def summary_out(listed: ListedStanding) -> CreditProfileSummary:
    standing = listed.standing
    currency = standing.currency
    limit, available = standing.credit_limit, standing.available
    utilisation = standing.utilisation_percent
    return CreditProfileSummary(
        customer_id=standing.customer_id,
        name=listed.name,
        currency=currency,
        grade=listed.grade,
        credit_limit=None if limit is None else format_minor(limit, currency),
        exposure=format_minor(standing.exposure, currency),
        overdue_amount=format_minor(standing.overdue_amount, currency),
        available=None if available is None else format_minor(available, currency),
        utilisation_percent=None if utilisation is None else f"{utilisation:.2f}",
        on_hold=listed.on_hold,
    )
