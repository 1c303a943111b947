"""Dunning notices and escalations, published by collections-svc on collections.events.

Events name invoices, levels and amounts only: recipients, addresses and message texts are
personal data and stay in collections-svc (and customer-svc).
"""

from datetime import date, datetime
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData

Channel = Annotated[str, StringConstraints(pattern=r"^(email|letter|phone_task|visit_task)$")]
Escalation = Annotated[str, StringConstraints(pattern=r"^(stop_supply|legal)$")]


class NoticedInvoice(BaseModel):
    """An invoice a notice names, at the dunning level it reached in that run."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    invoice_id: str = Field(description="The ledger's invoice id")
    level: int = Field(description="The dunning level the invoice reached (1 = first level)")
    currency: CurrencyCode = Field(description="The invoice's currency")
    open_amount: Amount = Field(description="What was open on the invoice when it was sent")
    fee: Amount | None = Field(
        default=None,
        description="The level's fee the ledger charges on the invoice, once per invoice and "
        "level; null when the level has none",
    )


class NoticeSent(EventData):
    """A dunning notice went out (or a letter was made ready, or a call or visit task was
    created); the ledger charges the levels' fees, credit and reporting follow the customer's
    collection history."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "notice_sent"

    notice_id: str = Field(description="The notice, as GET /v1/notices/{id} shows it")
    run_id: str = Field(description="The dunning run that produced it")
    channel: Channel = Field(description="How it reached the customer")
    level: int = Field(description="The highest invoice level in the notice")
    invoices: list[NoticedInvoice] = Field(description="The invoices it named, after rechecks")
    sent_at: datetime = Field(description="When it was sent or made ready (RFC 3339, UTC)")


class Escalated(EventData):
    """A case reached an escalation level: stop_supply makes credit-svc hold the customer,
    legal moves the case to legal."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "escalated"

    case_id: str = Field(description="The collection case escalated")
    escalation: Escalation = Field(description="stop_supply or legal")
    level: int = Field(description="The dunning level that escalated it")
    invoice_ids: list[str] = Field(description="The invoices that reached the level")
    escalated_on: date = Field(description="The business date of the run that escalated it")
