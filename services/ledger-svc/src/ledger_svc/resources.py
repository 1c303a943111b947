"""What ledger-svc builds once per process from its settings (ServiceSpec.resources): in the
API's lifespan and at the worker's start. Nothing here reads the environment."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from ledger_svc.adapters.business_calendar import business_calendar
from ledger_svc.adapters.customer_directory import CustomerServiceDirectory
from ledger_svc.adapters.statements.customer_files import CustomerFiles, CustomerServiceFiles
from ledger_svc.domain.account import CustomerDirectory
from ledger_svc.domain.bank_reconciliation.bank_accounts import AccountFingerprints
from ledger_svc.domain.calendar import BusinessCalendar
from ledger_svc.domain.controls.segregation import DutyPolicy
from ledger_svc.settings import Settings
from ledger_svc.use_cases.payments.record_keyed_payments import PaymentDeskOfKeys, payment_desk
from ledgerflow_platform.documents.letterhead import Letterhead
from ledgerflow_platform.spec import Sessions


@dataclass(frozen=True)
class LedgerResources:
    """The business calendar due dates roll by, the key payers' accounts are fingerprinted
    with, the desk single payments are recorded at, the duties that need two people, and
    what printed statements need: the letterhead, the font, and customer-svc's files for the
    addressee (None where customer-svc is not configured: statements then name the customer
    by id)."""

    calendar: BusinessCalendar
    payer_fingerprints: AccountFingerprints
    payment_desk: PaymentDeskOfKeys
    duties: DutyPolicy
    tax_adjusting: bool
    letterhead: Letterhead
    document_font_file: Path | None
    customer_files: CustomerFiles | None
    # customer-svc, asked about a customer the ledger has not heard of; None: not configured.
    customers: CustomerDirectory | None = None


@asynccontextmanager
async def ledger_resources(
    settings: Settings, sessions: Sessions
) -> AsyncIterator[LedgerResources]:
    customer = (
        settings.service_client("customer", calling="ledger")
        if settings.customer_url is not None
        else None
    )
    try:
        yield LedgerResources(
            calendar=business_calendar(settings.business_calendar),
            payer_fingerprints=AccountFingerprints(settings.payer_key()),
            payment_desk=payment_desk(sessions, tax_adjusting=settings.tax_adjusting),
            duties=settings.duties(),
            tax_adjusting=settings.tax_adjusting,
            letterhead=settings.letterhead(),
            document_font_file=settings.document_font_file,
            customer_files=CustomerServiceFiles(customer) if customer is not None else None,
            customers=CustomerServiceDirectory(customer) if customer is not None else None,
        )
    finally:
        if customer is not None:
            await customer.aclose()
