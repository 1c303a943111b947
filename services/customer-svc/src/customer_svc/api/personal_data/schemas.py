"""customer-svc's HTTP contract for the personal-data access log."""

from datetime import datetime

from pydantic import BaseModel, Field


class AccessLogEntryOut(BaseModel):
    """One disclosure of clear personal values."""

    id: str
    at: datetime
    subject: str = Field(description="Who read the clear values (token subject)")
    roles: list[str]
    customer_id: str
    fields: list[str] = Field(description="e.g. tax_id, contact.phone, bank_account.iban")
    record_ids: list[str] = Field(description="The customer, contacts or accounts read")
    purpose: str = Field(description="The route that disclosed them, e.g. GET /v1/customers/{id}")


class AccessLogPage(BaseModel):
    """A page of disclosures, newest first."""

    items: list[AccessLogEntryOut]
    next_cursor: str | None
