"""What a customer owes us that is already late: the reason a collection case exists."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Receivable:
    """An invoice as collections sees it: what is still owed on it, and whether it is late."""

    invoice_id: str
    currency: str
    open_amount: int
    overdue: bool = False


def overdue_total(receivables: Iterable[Receivable], currency: str) -> int:
    # A case is worked in one currency; the ledger invoices a customer in that one only.
    return sum(
        r.open_amount
        for r in receivables
        if r.overdue and r.currency == currency and r.open_amount > 0
    )
