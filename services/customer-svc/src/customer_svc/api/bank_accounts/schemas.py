"""customer-svc's HTTP contract for a customer's bank accounts."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from customer_svc.api.customers.schemas import CurrencyCode

Iban = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Bic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=11)]


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
