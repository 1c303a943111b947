"""Where a customer stands with us: prospect, active, suspended or closed, and how that moves."""

from enum import StrEnum

from ledgerflow_platform.errors import DomainError


class CustomerStatus(StrEnum):
    PROSPECT = "prospect"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CLOSED = "closed"


# Closing is final: a closed customer's file is kept for the record, never reopened.
ALLOWED_TRANSITIONS: dict[CustomerStatus, frozenset[CustomerStatus]] = {
    CustomerStatus.PROSPECT: frozenset({CustomerStatus.ACTIVE, CustomerStatus.CLOSED}),
    CustomerStatus.ACTIVE: frozenset({CustomerStatus.SUSPENDED, CustomerStatus.CLOSED}),
    CustomerStatus.SUSPENDED: frozenset({CustomerStatus.ACTIVE, CustomerStatus.CLOSED}),
    CustomerStatus.CLOSED: frozenset(),
}
INITIAL_STATUSES = frozenset({CustomerStatus.PROSPECT, CustomerStatus.ACTIVE})


class IllegalStatusTransition(DomainError):
    """The customer cannot move from its current status to the one asked for."""

    def __init__(self, current: CustomerStatus, target: CustomerStatus) -> None:
        allowed = ", ".join(sorted(ALLOWED_TRANSITIONS[current])) or "nothing (it is final)"
        super().__init__(
            f"{'An' if current[0] in 'aeiou' else 'A'} {current} customer cannot become "
            f"{target}; it may become {allowed}.",
            field="status",
        )
        self.current = current
        self.target = target


class CustomerClosed(DomainError):
    """The customer is closed; its file is kept as it was."""

    def __init__(self, customer_id: str) -> None:
        super().__init__(f"Customer {customer_id} is closed; its file can no longer change.")
        self.customer_id = customer_id


class InvalidInitialStatus(DomainError):
    """A new customer starts as a prospect or as active, never suspended or closed."""


def initial_status(raw: str) -> CustomerStatus:
    status = CustomerStatus(raw)
    if status not in INITIAL_STATUSES:
        raise InvalidInitialStatus(
            f"A new customer starts as prospect or active, not {status}.", field="status"
        )
    return status


def check_transition(current: CustomerStatus, target: CustomerStatus) -> None:
    if target not in ALLOWED_TRANSITIONS[current]:
        raise IllegalStatusTransition(current, target)


def check_open(customer_id: str, status: CustomerStatus) -> None:
    if status is CustomerStatus.CLOSED:
        raise CustomerClosed(customer_id)
