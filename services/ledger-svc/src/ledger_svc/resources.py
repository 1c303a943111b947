"""What ledger-svc builds once per process from its settings (ServiceSpec.resources): in the
API's lifespan and at the worker's start. Nothing here reads the environment."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from ledger_svc.adapters.business_calendar import business_calendar
from ledger_svc.adapters.customer_directory import CustomerServiceDirectory
from ledger_svc.domain.account import CustomerDirectory
from ledger_svc.domain.bank_reconciliation.bank_accounts import AccountFingerprints
from ledger_svc.domain.calendar import BusinessCalendar
from ledger_svc.settings import Settings
from ledger_svc.use_cases.payments.record_keyed_payments import PaymentDeskOfKeys, payment_desk
from ledgerflow_platform.spec import Sessions


@dataclass(frozen=True)
class LedgerResources:
    """The business calendar due dates roll by, the key payers' accounts are fingerprinted
    with, and the desk single payments are recorded at."""

    calendar: BusinessCalendar
    payer_fingerprints: AccountFingerprints
    payment_desk: PaymentDeskOfKeys
    # customer-svc, asked about a customer the ledger has not heard of; None: not configured.
    customers: CustomerDirectory | None = None


@asynccontextmanager
async def ledger_resources(
    settings: Settings, sessions: Sessions
) -> AsyncIterator[LedgerResources]:
    client = (
        settings.service_client("customer", calling="ledger")
        if settings.customer_url is not None
        else None
    )
    try:
        yield LedgerResources(
            calendar=business_calendar(settings.business_calendar),
            payer_fingerprints=AccountFingerprints(settings.payer_key()),
            payment_desk=payment_desk(sessions),
            customers=CustomerServiceDirectory(client) if client is not None else None,
        )
    finally:
        if client is not None:
            await client.aclose()
