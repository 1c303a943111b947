"""Scheduled statements of account, published by collections-svc on collections.events.

Like the notices' events they name only ids and dates: recipients and the statement itself
are personal data and stay in collections-svc and the ledger.
"""

from datetime import date, datetime
from typing import ClassVar

from pydantic import Field

from ledgerflow_events.contracts.base import EventData


class StatementSent(EventData):
    """A customer's statement of account for a period was e-mailed by a statement run."""

    producer: ClassVar[str] = "collections"
    fact: ClassVar[str] = "statement_sent"

    statement_run_id: str = Field(description="The statement run, as GET /v1/statement-runs/{id}")
    statement_id: str = Field(description="This customer's statement in the run")
    date_from: date = Field(description="First business date of the statement's period")
    date_to: date = Field(description="Last business date of the statement's period")
    sent_at: datetime = Field(description="When the SMTP server took it (RFC 3339, UTC)")
