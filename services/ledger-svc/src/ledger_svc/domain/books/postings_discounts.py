"""The entry an early-payment discount posts, beside the payment or credit application whose
settlement earned it (see domain/books/journal.py for the chart)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ledger_svc.domain.adjustments.credit_note import tax_credited
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.books.journal import Account, JournalEntry, SourceType, credit, debit
from ledger_svc.domain.payments.allocation import Allocation


@dataclass(frozen=True)
class TaxedInvoice:
    """An invoice's gross total and the tax in it: the proportion its discount is split in."""

    total: int
    tax: int


def early_payment_discounts(
    settled_by: str,
    allocations: Sequence[Allocation],
    *,
    customer_id: str,
    currency: str,
    on: date,
    taxed: Mapping[str, TaxedInvoice] | None = None,
) -> JournalEntry | None:
    """Dr discounts allowed / Cr receivable per discounted invoice; None if none was earned.
    With `taxed` (the discounted invoices, when the ledger adjusts tax), each discount is
    split into net and tax in its invoice's proportion, as a write-off is (tax_credited):
    the net to discounts allowed, the tax to tax payable, since the tax was never collected.
    Its source is the payment or credit application (`settled_by`) that earned it, so
    reversing that document finds it."""
    discounted = [a for a in allocations if a.discount]
    if not discounted:
        return None
    total = sum(a.discount for a in discounted)
    tax = sum(_tax_share(a, taxed) for a in discounted) if taxed is not None else 0
    lines = []
    if total - tax:
        lines.append(
            debit(Account.DISCOUNTS_ALLOWED, total - tax, currency, customer_id=customer_id)
        )
    if tax:
        lines.append(debit(Account.TAX_PAYABLE, tax, currency, customer_id=customer_id))
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
    memo = "Early-payment discount"
    if tax:
        memo += f", of which tax {format_amount(tax, currency)}"
    return JournalEntry(SourceType.EARLY_PAYMENT_DISCOUNT, settled_by, on, memo, tuple(lines))


def _tax_share(allocation: Allocation, taxed: Mapping[str, TaxedInvoice]) -> int:
    invoice = taxed[allocation.invoice_id]
    return tax_credited(invoice.total, invoice.tax, allocation.discount) if invoice.tax else 0
