"""The customer facts the ledger reacts to."""

from ledger_svc.handlers.on_customer_registered import on_customer_registered
from ledgerflow_events.contracts import CustomerRegistered
from ledgerflow_events.inbox import Handler

HANDLERS: dict[str, Handler] = {
    CustomerRegistered.event_type(): on_customer_registered,
}
