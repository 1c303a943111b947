"""The HTTP contract of customers' contracts."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from customer_svc.domain.contracts.contract import ContractStatus
from ledgerflow_platform.web.bounds import BusinessDate

ContractNumber = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$"
    ),
]
Project = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# A decimal string: the currency's scale is checked by the domain, floats never reach it.
AmountText = Annotated[str, StringConstraints(max_length=40, pattern=r"^-?\d+(\.\d+)?$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
PaymentCycle = Annotated[str, StringConstraints(max_length=100)]
Notes = Annotated[str, StringConstraints(max_length=2000)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
TermsDays = Annotated[int, Field(ge=0, le=365, description="Net payment terms in days")]


class CreateContract(BaseModel):
    """A contract to put on file for the customer, as a draft or already signed."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "number": "C-2026-0042",
                    "project": "Harbour warehouse, phase 2",
                    "signed_on": "2026-11-02",
                    "total": "250000.00",
                    "currency": "EUR",
                    "payment_terms_days": 30,
                    "payment_cycle": "monthly",
                    "notes": "Milestone billing agreed with procurement.",
                    "status": "active",
                }
            ]
        },
    )

    number: ContractNumber = Field(description="The contract's number, unique across customers")
    project: Project
    signed_on: BusinessDate | None = Field(None, description="Needed before the contract is active")
    total: AmountText = Field(description="Contract total, a decimal string at the currency scale")
    currency: CurrencyCode | None = Field(None, description="Defaults to the customer's currency")
    payment_terms_days: TermsDays | None = Field(None, description="Defaults to the customer's")
    payment_cycle: PaymentCycle | None = Field(None, description="e.g. monthly, quarterly")
    notes: Notes | None = None
    status: Literal["draft", "active"] = "draft"


class AmendContract(BaseModel):
    """Only the terms sent change; `null` clears payment_cycle, notes or a draft's signed_on."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"total": "275000.00", "payment_cycle": "quarterly", "reason": "Scope extended"}
            ]
        },
    )

    reason: Reason = Field(description="Why the contract is amended; kept with the new version")
    project: Project | None = None
    signed_on: BusinessDate | None = None
    total: AmountText | None = None
    currency: CurrencyCode | None = None
    payment_terms_days: TermsDays | None = None
    payment_cycle: PaymentCycle | None = None
    notes: Notes | None = None


class ChangeContractStatus(BaseModel):
    """The status a contract moves to, why, and from which business date."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "status": "terminated",
                    "reason": "Customer insolvent",
                    "effective_on": "2026-12-01",
                }
            ]
        },
    )

    status: ContractStatus
    reason: Reason | None = Field(None, description="Required to terminate")
    effective_on: BusinessDate | None = Field(
        None, description="Business date of the move; default today"
    )


class ContractVersionOut(BaseModel):
    """One version of a contract's terms and why it was made."""

    version: int
    project: str
    signed_on: date | None
    currency: str
    total: str
    payment_terms_days: int
    payment_cycle: str | None
    notes: str | None
    changed_fields: list[str]
    reason: str | None
    recorded_at: datetime
    recorded_by: str


class StatusChangeOut(BaseModel):
    """One move of a contract between statuses."""

    from_status: ContractStatus
    to_status: ContractStatus
    effective_on: date
    reason: str | None
    changed_at: datetime
    changed_by: str


class ContractSummary(BaseModel):
    """A contract with the terms of its current version."""

    id: str
    customer_id: str
    number: str
    status: ContractStatus
    version: int
    project: str
    signed_on: date | None
    currency: str
    total: str
    payment_terms_days: int
    payment_cycle: str | None
    notes: str | None
    created_at: datetime


class ContractOut(ContractSummary):
    """A contract now, with every version of its terms and every status change."""

    versions: list[ContractVersionOut]
    status_history: list[StatusChangeOut]


class ContractPage(BaseModel):
    """One page of contracts, oldest first."""

    items: list[ContractSummary]
    next_cursor: str | None


class ContractVersions(BaseModel):
    """Every version of a contract's terms, first to current."""

    items: list[ContractVersionOut]
