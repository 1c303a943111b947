"""Credit reserved for orders in flight and overrides of referred orders, published by
credit-svc on credit.events: order systems and reporting see what credit is spoken for."""

from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData

ReservationOutcome = Annotated[str, StringConstraints(pattern=r"^(converted|released|expired)$")]


class CreditReserved(EventData):
    """Credit was reserved for an approved order until it is invoiced, released or expires;
    reporting counts it in exposure."""

    producer: ClassVar[str] = "credit"
    fact: ClassVar[str] = "credit_reserved"

    reservation_id: str = Field(description="The reservation, released by its own id")
    order_reference: str = Field(description="The order system's reference for the order")
    currency: CurrencyCode = Field(description="The account's currency")
    amount: Amount = Field(description="The credit held back for the order")
    expires_at: datetime = Field(description="When it stops counting unless invoiced (UTC)")


class CreditReservationEnded(EventData):
    """A reservation stopped counting: its invoice arrived (converted), it was released, or it
    expired; reporting drops it from exposure."""

    producer: ClassVar[str] = "credit"
    fact: ClassVar[str] = "credit_reservation_ended"

    reservation_id: str = Field(description="The reservation")
    order_reference: str = Field(description="The order system's reference for the order")
    outcome: ReservationOutcome = Field(description="converted, released or expired")
    invoice_id: str | None = Field(description="The invoice it converted into, if converted")
    ended_at: datetime = Field(description="When it stopped counting (RFC 3339, UTC)")


class CreditOverrideGranted(EventData):
    """A credit manager overrode the referral of an order: its next check approves; order
    systems may release the order."""

    producer: ClassVar[str] = "credit"
    fact: ClassVar[str] = "credit_override_granted"

    override_id: str = Field(description="The override")
    order_reference: str = Field(description="The order system's reference for the order")
    currency: CurrencyCode = Field(description="The account's currency")
    amount: Amount = Field(description="Up to this order amount the next check approves")
    granted_at: datetime = Field(description="When it was granted (RFC 3339, UTC)")
