"""What the ledger holds for a customer, as far as its file cares: a customer that owes us
something, or that we owe credit, keeps the currency those amounts are in."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from ledgerflow_platform.errors import DomainError


class CurrencyInUse(DomainError):
    """The customer's currency cannot change while the ledger holds amounts in it."""

    def __init__(self, standing: "LedgerStanding") -> None:
        super().__init__(
            f"The ledger holds {standing.open_amount} {standing.currency} open and "
            f"{standing.credit_amount} {standing.currency} credit for this customer; settle "
            "or refund them before changing its currency.",
            field="currency",
        )
        self.standing = standing


@dataclass(frozen=True)
class LedgerStanding:
    currency: str
    open_amount: str
    credit_amount: str

    @property
    def holds_amounts(self) -> bool:
        return Decimal(self.open_amount) != 0 or Decimal(self.credit_amount) != 0


class LedgerStandings(Protocol):
    """The ledger, asked what it holds for a customer; None if it keeps no account for it."""

    async def standing(self, customer_id: str) -> LedgerStanding | None: ...


async def ensure_currency_free(
    ledger: LedgerStandings | None, customer_id: str, current: str, wanted: str | None
) -> None:
    """Refuse a change of currency while the ledger holds an open amount or credit in it.
    Without a ledger to ask (customer-svc run alone) there are no amounts to strand."""
    if ledger is None or wanted is None or wanted == current:
        return
    standing = await ledger.standing(customer_id)
    if standing is not None and standing.holds_amounts:
        raise CurrencyInUse(standing)
