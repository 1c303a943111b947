"""The entry an early-payment discount posts, beside the payment or credit application whose
settlement earned it (see domain/books/journal.py for the chart)."""

from collections.abc import Sequence
from datetime import date

from ledger_svc.domain.books.journal import Account, JournalEntry, SourceType, credit, debit
from ledger_svc.domain.payments.allocation import Allocation


def early_payment_discounts(
    settled_by: str,
    allocations: Sequence[Allocation],
    *,
    customer_id: str,
    currency: str,
    on: date,
) -> JournalEntry | None:
    """Dr discounts allowed / Cr receivable per discounted invoice; None if none was earned.
    Its source is the payment or credit application (`settled_by`) that earned it, so
    reversing that document finds it."""
    discounted = [a for a in allocations if a.discount]
    if not discounted:
        return None
    total = sum(a.discount for a in discounted)
    lines = [debit(Account.DISCOUNTS_ALLOWED, total, currency, customer_id=customer_id)]
    lines += [
        credit(
            Account.RECEIVABLE,
            a.discount,
            currency,
            customer_id=customer_id,
            invoice_id=a.invoice_id,
        )
        for a in discounted
    ]
    return JournalEntry(
        SourceType.EARLY_PAYMENT_DISCOUNT,
        settled_by,
        on,
        "Early-payment discount",
        tuple(lines),
    )
