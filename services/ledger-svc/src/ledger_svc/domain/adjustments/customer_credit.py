"""Customer credit: what we hold for a customer, and how a refund draws on it.

Credit comes from two kinds of source: the surplus of a payment no invoice absorbed
(`payments.unapplied_amount`) and an on-account credit note (`credit_notes.unapplied_amount`).
A refund draws its amount from them oldest first, the moment it is requested, so credit set
aside for a refund can be neither applied nor refunded twice; cancelling the refund puts
each draw back where it came from. The sum of what the sources still hold is always the
journal's customer_credit balance for the customer.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ledger_svc.domain.amounts import format_amount
from ledgerflow_platform.errors import DomainError


class CreditSourceKind(StrEnum):
    """Where a customer's credit came from."""

    PAYMENT = "payment"
    CREDIT_NOTE = "credit_note"


class InsufficientCredit(DomainError):
    """More credit asked for than the customer has available."""

    def __init__(self, asked: int, available: int, currency: str, *, field: str) -> None:
        super().__init__(
            f"The customer has {format_amount(available, currency)} {currency} of credit "
            f"available, less than the {format_amount(asked, currency)} asked for.",
            field=field,
        )
        self.asked = asked
        self.available = available


class CustomerNotFound(DomainError):
    """A customer named in the path that the ledger keeps no account for."""

    def __init__(self, customer_id: str) -> None:
        super().__init__(
            f"The ledger has no account for customer {customer_id}.", field="customer_id"
        )
        self.customer_id = customer_id


@dataclass(frozen=True)
class CreditSource:
    """One payment or credit note still holding credit for the customer."""

    kind: CreditSourceKind
    id: str
    dated: date
    available: int


@dataclass(frozen=True)
class CreditDraw:
    """The part of one source's credit set aside for a refund."""

    kind: CreditSourceKind
    source_id: str
    amount: int


def available_credit(sources: Iterable[CreditSource]) -> int:
    return sum(source.available for source in sources)


def draw_credit(
    amount: int, sources: Iterable[CreditSource], currency: str, *, field: str
) -> tuple[CreditDraw, ...]:
    """Take `amount` from the oldest sources first; refuse if they hold less."""
    held = [s for s in sources if s.available > 0]
    if amount > (available := available_credit(held)):
        raise InsufficientCredit(amount, available, currency, field=field)
    draws: list[CreditDraw] = []
    remaining = amount
    for source in sorted(held, key=lambda s: (s.dated, s.id)):
        if remaining == 0:
            break
        taken = min(remaining, source.available)
        draws.append(CreditDraw(source.kind, source.id, taken))
        remaining -= taken
    return tuple(draws)
