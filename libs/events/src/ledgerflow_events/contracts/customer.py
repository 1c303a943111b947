"""Facts published by customer-svc on customer.events."""

from datetime import datetime
from typing import ClassVar

from ledgerflow_events.contracts.base import CurrencyCode, EventData


class CustomerRegistered(EventData):
    """A customer was registered; ledger, credit, collections and reporting open their accounts."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "customer_registered"

    name: str
    currency: CurrencyCode
    payment_terms_days: int
    registered_at: datetime
