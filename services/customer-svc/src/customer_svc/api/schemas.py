"""customer-svc's HTTP contract."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class RegisterCustomer(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "Acme Trading Ltd", "currency": "EUR", "payment_terms_days": 30}]
        },
    )

    name: Name = Field(description="Legal name of the customer")
    currency: CurrencyCode = Field(description="ISO 4217 account currency")
    payment_terms_days: int = Field(ge=0, le=365, description="Net payment terms in days")


class CustomerOut(BaseModel):
    id: str
    name: str
    currency: str
    payment_terms_days: int
    registered_at: datetime


class CustomerPage(BaseModel):
    items: list[CustomerOut]
    next_cursor: str | None
