"""Invoice facts published by ledger-svc on ledger.events, beyond the foundation's."""

from datetime import date
from typing import ClassVar

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData


class InvoiceVoided(EventData):
    """An invoice nothing was paid on was cancelled; credit, collections and reporting drop it."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_voided"

    invoice_id: str
    number: str
    currency: CurrencyCode
    # The gross total no longer owed: the invoice's whole total, as nothing was applied to it.
    total: Amount
    voided_on: date
