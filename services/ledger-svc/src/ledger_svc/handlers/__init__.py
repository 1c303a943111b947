"""The customer facts the ledger reacts to."""

from ledger_svc.handlers.on_customer_registered import on_customer_registered
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import Handlers

HANDLERS: Handlers = {
    CustomerRegistered: on_customer_registered,
}
