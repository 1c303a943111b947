"""The facts the ledger reacts to: customers registered, changed and contracted, dunning
notices sent."""

from ledger_svc.handlers.on_contract_signed import on_contract_signed
from ledger_svc.handlers.on_customer_profile_updated import on_customer_profile_updated
from ledger_svc.handlers.on_customer_registered import on_customer_registered
from ledger_svc.handlers.on_customer_status_changed import on_customer_status_changed
from ledger_svc.handlers.on_notice_sent import on_notice_sent
from ledgerflow_events.contracts.collections import NoticeSent
from ledgerflow_events.contracts.customer import (
    ContractSigned,
    CustomerProfileUpdated,
    CustomerRegistered,
    CustomerStatusChanged,
)
from ledgerflow_events.inbox import Handlers

HANDLERS: Handlers = {
    CustomerRegistered: on_customer_registered,
    CustomerProfileUpdated: on_customer_profile_updated,
    CustomerStatusChanged: on_customer_status_changed,
    ContractSigned: on_contract_signed,
    NoticeSent: on_notice_sent,
}
