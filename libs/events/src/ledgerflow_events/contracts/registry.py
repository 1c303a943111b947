"""Lookup from a CloudEvents type to its contract."""

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.contracts.ledger import (
    InvoiceIssued,
    InvoiceOverdue,
    InvoicePaid,
    PaymentReceived,
)

EVENT_TYPES: dict[str, type[EventData]] = {
    model.event_type(): model
    for model in (CustomerRegistered, InvoiceIssued, PaymentReceived, InvoicePaid, InvoiceOverdue)
}


def model_for(event_type: str) -> type[EventData] | None:
    return EVENT_TYPES.get(event_type)
