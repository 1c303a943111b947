"""Collection cases, published by collections-svc on collections.events: reporting groups
receivables by collector and measures collectors' performance."""

from datetime import date, datetime
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from ledgerflow_events.contracts.base import EventData


class CaseOpened(EventData):
    """A customer fell into arrears and a collection case was opened."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "case_opened"

    case_id: str = Field(description="The collection case")
    opened_on: date = Field(description="The business date it was opened")


class CaseAssigned(EventData):
    """A case was assigned to a collector, by hand or by the assignment rules."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "case_assigned"

    case_id: str = Field(description="The collection case")
    collector: str = Field(description="The collector's user id (token subject)")
    assigned_on: date = Field(description="The business date of the assignment")


class CaseClosed(EventData):
    """Nothing of the customer is overdue any more and the case was closed."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "case_closed"

    case_id: str = Field(description="The collection case")
    closed_on: date = Field(description="The business date it was closed")


class CaseActivityRecorded(EventData):
    """A collector logged a call, e-mail, visit, letter or note on a case (its outcome and note,
    free text that may name people, stay in collections-svc); reporting follows the work."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "case_activity_recorded"

    case_id: str = Field(description="The collection case")
    activity_id: str = Field(description="The activity logged")
    kind: Annotated[str, StringConstraints(pattern=r"^(call|email|visit|letter|note)$")] = Field(
        description="call, email, visit, letter or note"
    )
    occurred_at: datetime = Field(description="When it happened (UTC)")
    next_action_on: date | None = Field(description="When the case is to be taken up again")
    collector: str = Field(description="Who logged it (user id, the token's subject)")
