"""Customers announced with their opening balances: customer-svc handing over the balances of
a finance table it is filing in the same breath. It commits the table only once the ledger has
taken the balances, so the ledger cannot ask it about these customers yet (nor will their
events have come): the hand-off itself says who they are, as a CustomerDirectory would."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from ledger_svc.domain.account import CustomerFile
from ledger_svc.domain.contracts import CustomerContract


@dataclass(frozen=True)
class AnnouncedCustomer:
    """A customer as customer-svc is filing it, with its signed contracts."""

    file: CustomerFile
    contracts: tuple[CustomerContract, ...] = ()


@dataclass(frozen=True)
class AnnouncedCustomers:
    """The announced customers, looked up as customer-svc would be asked about them."""

    customers: Sequence[AnnouncedCustomer]
    _by_id: dict[str, AnnouncedCustomer] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_id = {c.file.account.customer_id: c for c in self.customers}
        object.__setattr__(self, "_by_id", by_id)

    async def find(self, customer_id: str) -> CustomerFile | None:
        found = self._by_id.get(customer_id)
        return found.file if found else None

    async def find_by_code(self, code: str) -> CustomerFile | None:
        return next((c.file for c in self.customers if c.file.account.code == code), None)

    async def signed_contracts(self, customer_id: str) -> list[CustomerContract]:
        found = self._by_id.get(customer_id)
        return list(found.contracts) if found else []
