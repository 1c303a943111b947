"""Changes to what is owed on an invoice besides cash received, each from a business date.

Pure rules, no I/O: aging subtracts every adjustment effective by its date, as it does payments.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class AdjustmentKind(StrEnum):
    """What changed the amount owed on an invoice."""

    CREDIT_NOTE = "credit_note"
    WRITE_OFF = "write_off"
    CREDIT_APPLICATION = "credit_application"
    DISCOUNT = "discount"
    REVERSAL = "reversal"


@dataclass(frozen=True)
class InvoiceAdjustment:
    """One fact's change to one invoice's open amount, effective from a business date."""

    kind: AdjustmentKind
    # The credit note, write-off, credit application or payment the change comes from.
    source_id: str
    invoice_id: str
    # Positive: owed less from `effective_on` on; negative: owed again.
    reduction: int
    effective_on: date


def reduction_by(invoice_id: str, adjustments: Iterable[InvoiceAdjustment], as_of: date) -> int:
    """How much less is owed on the invoice at the end of `as_of` because of adjustments."""
    return sum(
        a.reduction for a in adjustments if a.invoice_id == invoice_id and a.effective_on <= as_of
    )
