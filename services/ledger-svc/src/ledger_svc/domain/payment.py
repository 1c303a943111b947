"""A customer payment as received, and how it was applied."""

from dataclasses import dataclass
from datetime import date

from ledger_svc.domain.allocation import Allocation
from ledgerflow_platform.errors import DomainError


class PaymentNotFound(DomainError):
    """No payment has this id."""

    def __init__(self, payment_id: str) -> None:
        super().__init__(f"No payment with id {payment_id}.")
        self.payment_id = payment_id


@dataclass(frozen=True)
class Payment:
    """Money received from a customer; what no invoice absorbed is held as their credit."""

    id: str
    customer_id: str
    currency: str
    amount: int
    received_on: date
    reference: str | None
    allocations: tuple[Allocation, ...]
    unapplied_amount: int
