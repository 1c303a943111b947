"""Early warnings, published by credit-svc on credit.events: signs of trouble before a loss;
collections may act early, reporting lists who is warned of what."""

from datetime import date
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from ledgerflow_events.contracts.base import EventData

WarningKind = Annotated[
    str,
    StringConstraints(pattern=r"^(large_debt|long_unpaid|behaviour_drift|returned_payment)$"),
]


class WarningRaised(EventData):
    """A customer crossed one of the policy's early-warning thresholds (told once, until it
    clears and recurs); a credit review is opened for it."""

    producer: ClassVar[str] = "credit"
    fact: ClassVar[str] = "warning_raised"

    warning_id: str = Field(description="The warning")
    kind: WarningKind = Field(
        description="large_debt, long_unpaid, behaviour_drift or returned_payment"
    )
    detail: str = Field(description="What crossed the threshold, in figures (no personal data)")
    raised_on: date = Field(description="The business date it was raised")
    review_id: str | None = Field(description="The review opened for it; null if one was open")


class WarningCleared(EventData):
    """The cause of an early warning went away; it may be raised again if it recurs."""

    producer: ClassVar[str] = "credit"
    fact: ClassVar[str] = "warning_cleared"

    warning_id: str = Field(description="The warning")
    kind: WarningKind = Field(
        description="large_debt, long_unpaid, behaviour_drift or returned_payment"
    )
    cleared_on: date = Field(description="The business date it cleared")
