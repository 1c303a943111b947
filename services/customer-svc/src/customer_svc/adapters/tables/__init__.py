"""customer-svc's tables: one module per feature, all on the metadata of `base`.

Importing this package puts every feature's tables on `metadata`, as Alembic needs them.
"""

from customer_svc.adapters.tables import (
    bank_accounts,
    complaints,
    contacts,
    contracts,
    customers,
    personal_data,
)
from customer_svc.adapters.tables.base import idempotency_keys, messaging, metadata, outbox

__all__ = [
    "bank_accounts",
    "complaints",
    "contacts",
    "contracts",
    "customers",
    "idempotency_keys",
    "messaging",
    "metadata",
    "outbox",
    "personal_data",
]
