"""What customer-svc builds once per process from its settings, for every request to use."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from customer_svc.adapters.personal_data.vault import PersonalDataVault, vault_from_settings
from customer_svc.settings import Settings
from ledgerflow_platform.spec import Sessions


@dataclass(frozen=True)
class CustomerResources:
    """customer-svc's long-lived objects: the vault sealing and opening personal data."""

    vault: PersonalDataVault


@asynccontextmanager
async def customer_resources(
    settings: Settings, sessions: Sessions
) -> AsyncIterator[CustomerResources]:
    # The vault holds keys only: nothing to close when the process stops.
    yield CustomerResources(vault=vault_from_settings(settings))
