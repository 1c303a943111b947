"""Credit holds, published by credit-svc on credit.events: while a customer is on hold, new
orders are declined; collections and reporting show who is held and why."""

from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from ledgerflow_events.contracts.base import EventData

HoldReason = Annotated[
    str,
    StringConstraints(
        pattern=r"^(over_limit|overdue_beyond_tolerance|returned_payment|stop_supply|manual)$"
    ),
]


class HoldPlaced(EventData):
    """A credit hold was placed: automatically (over limit, overdue beyond tolerance, a returned
    payment, collections' stop-supply escalation) or by a credit manager (manual)."""

    producer: ClassVar[str] = "credit"
    fact: ClassVar[str] = "hold_placed"

    hold_id: str = Field(description="The hold, released by its own id")
    reason: HoldReason = Field(description="Why it was placed, a stable reason code")
    placed_at: datetime = Field(description="When it was placed (RFC 3339, UTC)")


class HoldReleased(EventData):
    """A credit hold was released: automatically when its cause cleared, or by a credit manager
    (manual holds only by hand)."""

    producer: ClassVar[str] = "credit"
    fact: ClassVar[str] = "hold_released"

    hold_id: str = Field(description="The hold released")
    reason: HoldReason = Field(description="The reason code the hold was placed with")
    released_at: datetime = Field(description="When it was released (RFC 3339, UTC)")
    on_hold: bool = Field(description="Whether the customer is still held by another hold")
