"""ledger-svc's HTTP contract. Amounts are decimal strings at the currency's exact scale."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Scale and sign are judged against the account's currency, so the pattern only asks for digits.
DecimalText = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^-?\d{1,20}(\.\d{1,20})?$")
]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
CustomerId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class BalanceOut(BaseModel):
    """What a customer owes, what of it is overdue, and the credit we hold for them."""

    customer_id: str
    currency: str
    open_amount: str
    overdue_amount: str
    credit_amount: str


class StartOverdueRun(BaseModel):
    """A request to mark what is overdue as of a business date."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"as_of": "2026-04-01"}]}
    )

    as_of: date = Field(description="Invoices due before this business date are overdue")


class OverdueRunOut(BaseModel):
    """How many invoices this run found newly overdue."""

    as_of: date
    invoices_marked_overdue: int
