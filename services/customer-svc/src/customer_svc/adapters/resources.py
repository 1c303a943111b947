"""What customer-svc builds once per process from its settings, for every request to use."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from customer_svc.adapters.ledger import LedgerService
from customer_svc.adapters.personal_data.vault import PersonalDataVault, vault_from_settings
from customer_svc.settings import Settings
from ledgerflow_platform.spec import Sessions


@dataclass(frozen=True)
class CustomerResources:
    """customer-svc's long-lived objects: the vault sealing and opening personal data, and the
    ledger it asks about customers' amounts (None where no ledger_url is configured)."""

    vault: PersonalDataVault
    ledger: LedgerService | None = None


@asynccontextmanager
async def customer_resources(
    settings: Settings, sessions: Sessions
) -> AsyncIterator[CustomerResources]:
    client = (
        settings.service_client("ledger", calling="customer")
        if settings.ledger_url is not None
        else None
    )
    try:
        # The vault holds keys only: nothing to close when the process stops.
        yield CustomerResources(
            vault=vault_from_settings(settings),
            ledger=LedgerService(client) if client is not None else None,
        )
    finally:
        if client is not None:
            await client.aclose()
