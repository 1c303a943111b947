"""Facts about customers' contracts (their agreements with us), published by customer-svc on
customer.events.

A contract is news from the day it is signed: drafts, their amendments and abandoned drafts stay
inside customer-svc, so every amended or closed contract was announced as signed first.
None of them carries free text (notes, amendment reasons): those may hold personal data, which
never leaves customer-svc in an event.
"""

from datetime import date, datetime
from typing import Annotated, ClassVar

from pydantic import BaseModel, StringConstraints

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData

ClosedStatus = Annotated[str, StringConstraints(pattern=r"^(completed|terminated)$")]


class ContractTerms(BaseModel):
    """The running terms of a contract version, as signed and as amended."""

    contract_id: str
    number: str
    contract_version: int
    project: str
    signed_on: date
    currency: CurrencyCode
    total: Amount
    payment_terms_days: int
    payment_cycle: str | None = None


class ContractSigned(EventData, ContractTerms):
    """A contract became active; reporting adds its project and total to the finance table."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "contract_signed"

    activated_on: date


class ContractAmended(EventData, ContractTerms):
    """A contract's terms were amended into a new version; reporting replaces the contract's row."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "contract_amended"

    changed_fields: list[str]
    amended_at: datetime


class ContractClosed(EventData):
    """A contract was completed or terminated; reporting and credit stop counting it as running."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "contract_closed"

    contract_id: str
    number: str
    contract_version: int
    status: ClosedStatus
    closed_on: date
    currency: CurrencyCode
    total: Amount
