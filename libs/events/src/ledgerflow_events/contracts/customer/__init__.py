"""Facts published by customer-svc on customer.events."""

from ledgerflow_events.contracts.customer.agreements import (
    ContractAmended,
    ContractClosed,
    ContractSigned,
    ContractTerms,
)
from ledgerflow_events.contracts.customer.complaints import ComplaintOpened, ComplaintResolved
from ledgerflow_events.contracts.customer.customers import (
    CustomerProfileUpdated,
    CustomerRegistered,
    CustomerStatusChanged,
)

__all__ = [
    "ComplaintOpened",
    "ComplaintResolved",
    "ContractAmended",
    "ContractClosed",
    "ContractSigned",
    "ContractTerms",
    "CustomerProfileUpdated",
    "CustomerRegistered",
    "CustomerStatusChanged",
]
