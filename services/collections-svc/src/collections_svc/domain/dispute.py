"""Disputes: a customer contests (part of) an invoice. While open, the invoice stays at its
dunning level whatever the amount disputed; rejected, it returns to dunning at that level;
accepted, the ledger corrects it separately (a credit note)."""

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from ledgerflow_platform.errors import DomainError


class DisputeStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class UnknownInvoice(DomainError):
    def __init__(self, invoice_id: str) -> None:
        super().__init__(f"Collections knows no invoice {invoice_id}.", field="invoice_id")


class DisputeExceedsInvoice(DomainError):
    def __init__(self, amount: int, open_amount: int) -> None:
        super().__init__(
            f"The amount disputed ({amount} minor units) is more than is open on the invoice "
            f"({open_amount}).",
            field="amount",
        )


class InvoiceAlreadyDisputed(DomainError):
    def __init__(self, invoice_id: str) -> None:
        super().__init__(f"Invoice {invoice_id} already has an open dispute.", field="invoice_id")


class DisputeNotFound(DomainError):
    def __init__(self, dispute_id: str) -> None:
        super().__init__(f"No dispute with id {dispute_id}.")


class DisputeAlreadyResolved(DomainError):
    def __init__(self, dispute_id: str, status: DisputeStatus) -> None:
        super().__init__(f"Dispute {dispute_id} was already {status}.")


@dataclass(frozen=True)
class Dispute:
    id: str
    customer_id: str
    invoice_id: str
    currency: str
    amount: int
    reason: str
    status: DisputeStatus
    opened_on: date
    resolved_on: date | None = None
    note: str | None = None

    def resolve(self, outcome: DisputeStatus, on: date, note: str) -> "Dispute":
        if self.status is not DisputeStatus.OPEN:
            raise DisputeAlreadyResolved(self.id, self.status)
        return replace(self, status=outcome, resolved_on=max(on, self.opened_on), note=note)
