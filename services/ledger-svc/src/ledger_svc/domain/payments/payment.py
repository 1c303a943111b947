"""A customer payment as received, how it was applied, and whether it was reversed."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ledger_svc.domain.payments.allocation import Allocation
from ledger_svc.domain.payments.cash_application import PaymentMethod
from ledgerflow_platform.errors import DomainError


class PaymentNotFound(DomainError):
    """No payment has this id."""

    def __init__(self, payment_id: str) -> None:
        super().__init__(f"No payment with id {payment_id}.")
        self.payment_id = payment_id


class ReversalReason(StrEnum):
    """Why money we recorded did not stay with us."""

    BOUNCED = "bounced"  # the cheque or debit was not honoured
    RETURNED = "returned"  # the bank sent the money back
    ERROR = "error"  # recorded by mistake (wrong customer, amount or twice)


@dataclass(frozen=True)
class PaymentReversal:
    """When and why a payment was undone."""

    reversed_on: date
    reason: ReversalReason
    note: str | None = None


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
    # The credit this payment still holds: its surplus, less what was applied or refunded since.
    unapplied_amount: int
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    reversal: PaymentReversal | None = None

    @property
    def applied(self) -> int:
        return sum(a.amount for a in self.allocations)

    @property
    def surplus(self) -> int:
        """The credit the payment created when it was received."""
        return self.amount - self.applied

    @property
    def discounts(self) -> int:
        return sum(a.discount for a in self.allocations)
