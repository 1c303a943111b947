"""A contract with a customer: its lifecycle and its amendments, each a new version of its terms."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from customer_svc.domain.contracts.terms import (
    ContractTerms,
    InvalidContractTerms,
    amended_terms,
    changed_fields,
)
from ledgerflow_platform.errors import DomainError


class ContractStatus(StrEnum):
    """Where a contract is in its life: drafted, running, or closed."""

    DRAFT = "draft"
    ACTIVE = "active"
    COMPLETED = "completed"
    TERMINATED = "terminated"


# A contract only moves forward: a closed contract never reopens, an active one never is a draft.
TRANSITIONS: Mapping[ContractStatus, frozenset[ContractStatus]] = {
    ContractStatus.DRAFT: frozenset({ContractStatus.ACTIVE, ContractStatus.TERMINATED}),
    ContractStatus.ACTIVE: frozenset({ContractStatus.COMPLETED, ContractStatus.TERMINATED}),
    ContractStatus.COMPLETED: frozenset(),
    ContractStatus.TERMINATED: frozenset(),
}
CLOSED = frozenset({ContractStatus.COMPLETED, ContractStatus.TERMINATED})


class ContractNotFound(DomainError):
    """No contract has this id (or this contract has no such version)."""


class ContractCustomerNotFound(DomainError):
    """The customer a contract is for is not on file."""


class ContractNumberTaken(DomainError):
    """Another contract already carries this number."""

    def __init__(self, number: str, existing_id: str) -> None:
        super().__init__(
            f"Contract number {number} is already contract {existing_id}.", field="number"
        )
        self.existing_id = existing_id


class IllegalContractTransition(DomainError):
    """The contract cannot move from its status to the one asked for."""


class ContractClosedForAmendment(DomainError):
    """A completed or terminated contract's terms are final."""


class ContractChangedSinceRead(DomainError):
    """The caller's copy of the contract is stale: someone amended or moved it since."""


@dataclass(frozen=True)
class ContractVersion:
    """One version of a contract's terms, and why it was made."""

    version: int
    terms: ContractTerms
    changed_fields: tuple[str, ...]
    reason: str | None
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class StatusChange:
    """A move of a contract from one status to another, with its business date."""

    from_status: ContractStatus
    to_status: ContractStatus
    effective_on: date
    reason: str | None
    changed_at: datetime
    changed_by: str


@dataclass(frozen=True)
class Contract:
    """A customer's contract as it stands now: its current version and status."""

    id: str
    customer_id: str
    number: str
    status: ContractStatus
    current: ContractVersion
    created_at: datetime

    @property
    def terms(self) -> ContractTerms:
        return self.current.terms

    @property
    def revision(self) -> str:
        """Changes whenever the contract does; statuses never repeat, so this never recurs."""
        return f"{self.current.version}-{self.status.value}"


def require_revision(contract: Contract, expected: Collection[str] | None) -> None:
    """Refuse to act on a stale copy; `None` means the caller did not ask for the check."""
    if expected is not None and contract.revision not in expected:
        raise ContractChangedSinceRead(
            f"Contract {contract.number} is now at revision {contract.revision}; "
            "read it again and retry."
        )


def _require_signed(terms: ContractTerms, status: ContractStatus) -> None:
    if status is ContractStatus.ACTIVE and terms.signed_on is None:
        raise InvalidContractTerms(
            "An active contract needs its signed_on date.", field="signed_on"
        )


def new_contract(
    *,
    contract_id: str,
    customer_id: str,
    number: str,
    terms: ContractTerms,
    status: ContractStatus,
    at: datetime,
    by: str,
) -> Contract:
    if status not in (ContractStatus.DRAFT, ContractStatus.ACTIVE):
        raise IllegalContractTransition(
            f"A contract starts as draft or active, not {status.value}.", field="status"
        )
    _require_signed(terms, status)
    if status is ContractStatus.ACTIVE and terms.signed_on and terms.signed_on > at.date():
        raise InvalidContractTerms(
            f"A contract signed on {terms.signed_on} cannot be active on {at.date()}.",
            field="signed_on",
        )
    first = ContractVersion(1, terms, (), None, at, by)
    return Contract(contract_id, customer_id, number.strip(), status, first, at)


def amend(
    contract: Contract, changes: Mapping[str, Any], *, reason: str, at: datetime, by: str
) -> Contract:
    """The contract at a new version; the old version stays as it was."""
    if contract.status in CLOSED:
        raise ContractClosedForAmendment(
            f"Contract {contract.number} is {contract.status.value}; its terms are final."
        )
    if not reason.strip():
        raise InvalidContractTerms("An amendment needs a reason.", field="reason")
    terms = amended_terms(contract.terms, changes)
    _require_signed(terms, contract.status)
    changed = changed_fields(contract.terms, terms)
    version = ContractVersion(contract.current.version + 1, terms, changed, reason.strip(), at, by)
    return replace(contract, current=version)


def move(
    contract: Contract,
    to: ContractStatus,
    *,
    effective_on: date,
    reason: str | None,
    at: datetime,
    by: str,
) -> tuple[Contract, StatusChange]:
    if to not in TRANSITIONS[contract.status]:
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[contract.status])) or "none"
        raise IllegalContractTransition(
            f"Contract {contract.number} cannot go from {contract.status.value} to {to.value} "
            f"(allowed: {allowed}).",
            field="status",
        )
    reason = reason.strip() if reason else None
    if to is ContractStatus.TERMINATED and not reason:
        raise InvalidContractTerms("Say why the contract is terminated.", field="reason")
    _require_signed(contract.terms, to)
    signed_on = contract.terms.signed_on
    if signed_on is not None and effective_on < signed_on:
        raise InvalidContractTerms(
            f"{effective_on} is before the contract was signed on {signed_on}.",
            field="effective_on",
        )
    change = StatusChange(contract.status, to, effective_on, reason, at, by)
    return replace(contract, status=to), change
