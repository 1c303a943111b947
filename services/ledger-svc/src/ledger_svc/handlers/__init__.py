"""The facts the ledger reacts to: customers registered, dunning notices sent."""

from ledger_svc.handlers.on_customer_registered import on_customer_registered
from ledger_svc.handlers.on_notice_sent import on_notice_sent
from ledgerflow_events.contracts.collections import NoticeSent
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import Handlers

HANDLERS: Handlers = {
    CustomerRegistered: on_customer_registered,
    NoticeSent: on_notice_sent,
}
