"""customer-svc's HTTP contract for contacts, bank accounts and the access log."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints

from customer_svc.api.schemas import CurrencyCode, Name

Role = Literal["primary", "billing", "dunning_recipient"]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]
Iban = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Bic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=11)]

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


class AddBankAccount(BaseModel):
    """An account the customer pays from or is refunded to."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"iban": "DE89 3704 0044 0532 0130 00", "bic": "COBADEFFXXX", "currency": "EUR"}
            ]
        },
    )

    iban: Iban
    bic: Bic | None = None
    currency: CurrencyCode | None = None


class BankAccountOut(BaseModel):
    """A bank account, the IBAN clear or masked by the reader's role."""

    id: str
    customer_id: str
    iban: str = Field(description="Clear for roles that need it, else ****1234")
    bic: str | None
    currency: str | None
    created_at: datetime


class BankAccountPage(BaseModel):
    """A page of bank accounts."""

    items: list[BankAccountOut]
    next_cursor: str | None


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
