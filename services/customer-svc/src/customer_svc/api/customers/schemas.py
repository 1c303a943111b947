"""customer-svc's HTTP contract for customer files."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
CountryCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z]{2}$")]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
TaxIdText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Segment = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
PostalCode = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)]
CustomerId = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Status = Literal["prospect", "active", "suspended", "closed"]

ADDRESS_EXAMPLE: dict[str, JsonValue] = {
    "lines": ["Friedrichstrasse 68"],
    "city": "Berlin",
    "postal_code": "10117",
    "country": "DE",
}


class AddressIn(BaseModel):
    """Where a customer is billed or delivered to."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [ADDRESS_EXAMPLE]})

    lines: list[ShortText] = Field(min_length=1, max_length=4, description="Street lines")
    city: ShortText
    postal_code: PostalCode | None = None
    country: CountryCode = Field(description="ISO 3166 alpha-2")


class AddressOut(BaseModel):
    """Where a customer is billed or delivered to."""

    lines: list[str]
    city: str
    postal_code: str | None
    country: str


class RegisterCustomer(BaseModel):
    """A new customer: name, currency and terms suffice; the rest of the file is optional."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"name": "Acme Trading Ltd", "currency": "EUR", "payment_terms_days": 30},
                {
                    "name": "Acme Trading GmbH",
                    "currency": "EUR",
                    "payment_terms_days": 30,
                    "code": "ACME-DE",
                    "status": "prospect",
                    "country": "DE",
                    "tax_id": "DE136695976",
                    "industry": "Wholesale",
                    "region": "EMEA",
                    "billing_address": ADDRESS_EXAMPLE,
                    "segments": ["key-account"],
                },
            ]
        },
    )

    name: Name = Field(description="Legal name of the customer")
    currency: CurrencyCode = Field(description="ISO 4217 account currency")
    payment_terms_days: int = Field(ge=0, le=365, description="Net payment terms in days")
    code: Code | None = Field(default=None, description="Unique code; generated when absent")
    status: Literal["prospect", "active"] = "active"
    country: CountryCode | None = Field(default=None, description="Country of registration")
    tax_id: TaxIdText | None = Field(default=None, description="Validated for `country`")
    industry: ShortText | None = None
    region: ShortText | None = None
    billing_address: AddressIn | None = None
    shipping_address: AddressIn | None = None
    segments: list[Segment] = Field(default_factory=list, max_length=20)
    parent_id: CustomerId | None = Field(default=None, description="Parent company (customer id)")
    allow_duplicate_name: bool = Field(
        default=False,
        description="Register even though a customer of the same legal name is on file (409 "
        "duplicate-customer-name otherwise, unless both tax ids are given and differ)",
    )


class UpdateCustomer(BaseModel):
    """Only the fields sent change; null empties an optional field."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"region": "APAC", "segments": ["key-account", "cn"]}]},
    )

    name: Name | None = None
    code: Code | None = None
    country: CountryCode | None = None
    tax_id: TaxIdText | None = None
    industry: ShortText | None = None
    region: ShortText | None = None
    billing_address: AddressIn | None = None
    shipping_address: AddressIn | None = None
    currency: CurrencyCode | None = None
    payment_terms_days: int | None = Field(default=None, ge=0, le=365)
    segments: list[Segment] | None = Field(default=None, max_length=20)
    parent_id: CustomerId | None = None


class ChangeStatus(BaseModel):
    """A move in the customer lifecycle, and why."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"status": "suspended", "reason": "Disputed invoices"}]},
    )

    status: Status
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class CustomerOut(BaseModel):
    """A customer file, personal values clear or masked by the reader's role."""

    id: str
    code: str
    name: str
    currency: str
    payment_terms_days: int
    registered_at: datetime
    status: Status
    country: str | None
    tax_id: str | None = Field(description="Clear for roles that need it, masked for others")
    industry: str | None
    region: str | None
    billing_address: AddressOut | None
    shipping_address: AddressOut | None
    segments: list[str]
    parent_id: str | None
    version: int = Field(description="Also the ETag; send it back as If-Match to change the file")
    updated_at: datetime


class CustomerPage(BaseModel):
    """A page of customer files."""

    items: list[CustomerOut]
    next_cursor: str | None
