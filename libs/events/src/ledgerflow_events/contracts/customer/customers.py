"""Facts about a customer's file, published by customer-svc on customer.events.

They never carry personal data (contact names, phones, emails, tax or bank ids): a change to
one is told by the field's name only; a consumer that needs the value asks customer-svc.
"""

from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from ledgerflow_events.contracts.base import CurrencyCode, EventData


class CustomerRegistered(EventData):
    """A customer was registered; ledger, credit, collections and reporting open their accounts."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "customer_registered"

    name: str = Field(description="The customer's legal (company) name")
    currency: CurrencyCode = Field(description="ISO 4217 code of the customer's account currency")
    payment_terms_days: int = Field(description="Days from invoice to due date by default")
    registered_at: datetime = Field(description="When the customer was registered (RFC 3339)")
    # Added later in v1: absent from customers registered before.
    code: str | None = Field(default=None, description="The customer's unique code")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 country code")
    industry: str | None = Field(default=None, description="The customer's industry")
    region: str | None = Field(default=None, description="The sales region it belongs to")
    segments: list[str] | None = Field(default=None, description="Segments it is counted in")


CustomerStatusName = Annotated[
    str, StringConstraints(pattern=r"^(prospect|active|suspended|closed)$")
]


class CustomerProfileUpdated(EventData):
    """A customer's file changed; reporting regroups it, ledger and credit pick up new terms."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "profile_updated"

    changed_fields: list[str] = Field(
        description="Every field that changed, personal ones (e.g. tax_id, contacts) by name only"
    )
    updated_at: datetime = Field(description="When the change was made (RFC 3339)")
    # New values of the changed non-personal fields; None if unchanged or emptied (see
    # changed_fields). Addresses, tax id, contacts and bank accounts travel by name only.
    name: str | None = Field(
        default=None, description="The new legal (company) name, if it changed"
    )
    code: str | None = Field(default=None, description="The new customer code, if it changed")
    currency: str | None = Field(
        default=None, description="The new account currency (ISO 4217), if it changed"
    )
    payment_terms_days: int | None = Field(
        default=None, description="The new default payment terms in days, if they changed"
    )
    country: str | None = Field(
        default=None, description="The new country (ISO 3166-1 alpha-2), if it changed"
    )
    industry: str | None = Field(default=None, description="The new industry, if it changed")
    region: str | None = Field(default=None, description="The new sales region, if it changed")
    segments: list[str] | None = Field(
        default=None, description="The new segments, if they changed"
    )
    parent_id: str | None = Field(
        default=None, description="The new parent customer's id, if it changed"
    )


class CustomerStatusChanged(EventData):
    """A customer became prospect, active, suspended or closed; credit and collections react."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "status_changed"

    from_status: CustomerStatusName = Field(
        description="The status before: prospect, active, suspended or closed"
    )
    to_status: CustomerStatusName = Field(
        description="The status after: prospect, active, suspended or closed"
    )
    reason: str = Field(description="Why the status changed, as a reason code")
    changed_at: datetime = Field(description="When the status changed (RFC 3339)")
