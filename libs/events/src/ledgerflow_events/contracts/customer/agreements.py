"""Facts about customers' contracts (their agreements with us), published by customer-svc on
customer.events.

A contract is news from the day it is signed: drafts, their amendments and abandoned drafts stay
inside customer-svc, so every amended or closed contract was announced as signed first.
None of them carries free text (notes, amendment reasons): those may hold personal data, which
never leaves customer-svc in an event.
"""

from datetime import date, datetime
from typing import Annotated, ClassVar

from pydantic import BaseModel, Field, StringConstraints

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData

ClosedStatus = Annotated[str, StringConstraints(pattern=r"^(completed|terminated)$")]


class ContractTerms(BaseModel):
    """The running terms of a contract version, as signed and as amended."""

    contract_id: str = Field(description="The contract's id in customer-svc")
    number: str = Field(description="The contract number people see and quote")
    contract_version: int = Field(
        description="The contract's version: 1 when signed, one more per amendment"
    )
    project: str = Field(description="The project the contract is for")
    signed_on: date = Field(description="The business date the contract was signed")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    total: Amount = Field(description="The contract's total value")
    payment_terms_days: int = Field(
        description="Days from invoice to due date agreed in the contract"
    )
    payment_cycle: str | None = Field(
        default=None, description="How often the contract is invoiced (e.g. monthly), if agreed"
    )


class ContractSigned(EventData, ContractTerms):
    """A contract became active; reporting adds its project and total to the finance table."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "contract_signed"

    activated_on: date = Field(description="The business date the contract became active")


class ContractAmended(EventData, ContractTerms):
    """A contract's terms were amended into a new version; reporting replaces the contract's row."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "contract_amended"

    changed_fields: list[str] = Field(description="The names of the terms the amendment changed")
    amended_at: datetime = Field(description="When the amendment took effect (RFC 3339)")


class ContractClosed(EventData):
    """A contract was completed or terminated; reporting and credit stop counting it as running."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "contract_closed"

    contract_id: str = Field(description="The contract's id in customer-svc")
    number: str = Field(description="The contract number people see and quote")
    contract_version: int = Field(
        description="The contract's version: 1 when signed, one more per amendment"
    )
    status: ClosedStatus = Field(description="completed or terminated")
    closed_on: date = Field(description="The business date the contract ended")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    total: Amount = Field(description="The contract's total value")
