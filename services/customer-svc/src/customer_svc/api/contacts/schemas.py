"""customer-svc's HTTP contract for a customer's contacts."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints

from customer_svc.api.customers.schemas import Name

Role = Literal["primary", "billing", "dunning_recipient"]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]

CONTACT_EXAMPLE: dict[str, JsonValue] = {
    "name": "Jane Doe",
    "phone": "+49 30 1234567",
    "email": "jane.doe@acme.example",
    "roles": ["primary", "billing"],
}


class AddContact(BaseModel):
    """A person to deal with at the customer."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [CONTACT_EXAMPLE]})

    name: Name
    phone: Phone | None = Field(
        default=None, description="International, or national in the customer's country"
    )
    email: Email | None = None
    roles: list[Role] = Field(default_factory=list, max_length=3)


class ChangeContact(BaseModel):
    """Only the fields sent change; null empties phone or email."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"roles": ["dunning_recipient"]}]}
    )

    name: Name | None = None
    phone: Phone | None = None
    email: Email | None = None
    roles: list[Role] | None = Field(default=None, max_length=3)


class ContactOut(BaseModel):
    """A contact, personal values clear or masked by the reader's role."""

    id: str
    customer_id: str
    name: str = Field(description="Clear for roles that need it, masked for others")
    phone: str | None = Field(description="E.164; clear or masked like name")
    email: str | None
    roles: list[Role]
    version: int
    created_at: datetime


class ContactPage(BaseModel):
    """A page of contacts."""

    items: list[ContactOut]
    next_cursor: str | None
