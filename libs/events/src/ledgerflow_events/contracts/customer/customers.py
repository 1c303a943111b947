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

    name: str
    currency: CurrencyCode
    payment_terms_days: int
    registered_at: datetime
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
    updated_at: datetime
    # New values of the changed non-personal fields; None if unchanged or emptied (see
    # changed_fields). Addresses, tax id, contacts and bank accounts travel by name only.
    name: str | None = None
    code: str | None = None
    currency: str | None = None
    payment_terms_days: int | None = None
    country: str | None = None
    industry: str | None = None
    region: str | None = None
    segments: list[str] | None = None
    parent_id: str | None = None


class CustomerStatusChanged(EventData):
    """A customer became prospect, active, suspended or closed; credit and collections react."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "status_changed"

    from_status: CustomerStatusName
    to_status: CustomerStatusName
    reason: str
    changed_at: datetime
