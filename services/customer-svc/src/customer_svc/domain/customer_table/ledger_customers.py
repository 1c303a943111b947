"""The customers a table's balances name, as the ledger opens their accounts from the hand-off
of those balances: the table is committed only once the ledger took them, so until then the
ledger cannot ask customer-svc about these customers."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class LedgerCustomer:
    """A customer being filed: what its ledger account is opened with, and its signed
    contracts."""

    customer_id: str
    code: str
    currency: str
    payment_terms_days: int
    registered_at: datetime
    # (id, number, currency) of each signed contract.
    contracts: tuple[tuple[str, str, str], ...]
