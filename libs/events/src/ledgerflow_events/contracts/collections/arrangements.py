"""Promises to pay, payment plans and disputes, published by collections-svc on
collections.events: credit counts broken promises and open disputes, reporting forecasts cash
from promise dates and instalments and shows disputed amounts apart."""

from datetime import date
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData

DisputeOutcome = Annotated[str, StringConstraints(pattern=r"^(accepted|rejected)$")]


class PromiseTerms(BaseModel):
    """What every promise event says about the promise."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    promise_id: str = Field(description="The promise to pay")
    case_id: str = Field(description="The collection case it was made in")
    currency: CurrencyCode = Field(description="The promised amount's currency")
    amount: Amount = Field(description="The amount promised")
    made_on: date = Field(description="The business date the promise was made")
    promised_on: date = Field(description="The date the customer promised to pay by")
    invoice_ids: list[str] = Field(
        description="The invoices it covers; empty: any of the customer's invoices"
    )


class PromiseMade(EventData, PromiseTerms):
    """A customer promised to pay; its invoices are held at their dunning level meanwhile."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "promise_made"


class PromiseKept(EventData, PromiseTerms):
    """Payments reached a promise's amount by its date (grace included)."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "promise_kept"

    kept_on: date = Field(description="The date of the payment that completed it")


class PromiseBroken(EventData, PromiseTerms):
    """A promise's date and grace passed without the amount paid; credit counts it, dunning
    resumes."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "promise_broken"

    paid: Amount = Field(description="What had been paid towards it")
    broken_on: date = Field(description="The business date of the run that judged it broken")


class PlanInstalment(BaseModel):
    """An amount of a payment plan due on a date."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    due_on: date = Field(description="When the instalment is due")
    amount: Amount = Field(description="The instalment's amount")


class PaymentPlanAgreed(EventData):
    """A payment plan was agreed for some invoices; they are held while it is on track."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "payment_plan_agreed"

    plan_id: str = Field(description="The payment plan")
    case_id: str = Field(description="The collection case it belongs to")
    currency: CurrencyCode = Field(description="The currency of its instalments")
    invoice_ids: list[str] = Field(description="The invoices it covers")
    instalments: list[PlanInstalment] = Field(description="Its instalments, by due date")


class PaymentPlanEnded(EventData):
    """A payment plan ended: completed (every instalment paid) or broken (an instalment missed
    beyond grace; dunning resumes)."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "payment_plan_ended"

    plan_id: str = Field(description="The payment plan")
    case_id: str = Field(description="The collection case it belongs to")
    outcome: Annotated[str, StringConstraints(pattern=r"^(completed|broken)$")] = Field(
        description="completed or broken"
    )
    ended_on: date = Field(description="The business date it ended")


class DisputeOpened(EventData):
    """A customer disputed (part of) an invoice: it is held at its dunning level, the disputed
    amount leaves the collectible amount, aging shows it apart, credit counts it."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "dispute_opened"

    dispute_id: str = Field(description="The dispute")
    invoice_id: str = Field(description="The invoice disputed")
    currency: CurrencyCode = Field(description="The invoice's currency")
    amount: Amount = Field(description="The amount disputed")
    opened_on: date = Field(description="The business date it was opened")


class DisputeResolved(EventData):
    """A dispute was resolved: accepted (the ledger is corrected separately, e.g. by a credit
    note) or rejected (the invoice returns to dunning at its level)."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "dispute_resolved"

    dispute_id: str = Field(description="The dispute")
    invoice_id: str = Field(description="The invoice disputed")
    currency: CurrencyCode = Field(description="The invoice's currency")
    amount: Amount = Field(description="The amount that was disputed")
    outcome: DisputeOutcome = Field(description="accepted or rejected")
    resolved_on: date = Field(description="The business date it was resolved")
