"""Every event the platform publishes, as versioned Pydantic contracts."""

from ledgerflow_events.contracts.base import EventData, event_type_of
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.contracts.ledger import (
    InvoiceIssued,
    InvoiceOverdue,
    InvoicePaid,
    PaymentAllocation,
    PaymentReceived,
)
from ledgerflow_events.contracts.registry import EVENT_TYPES, model_for

__all__ = [
    "EVENT_TYPES",
    "CustomerRegistered",
    "EventData",
    "InvoiceIssued",
    "InvoiceOverdue",
    "InvoicePaid",
    "PaymentAllocation",
    "PaymentReceived",
    "event_type_of",
    "model_for",
]
