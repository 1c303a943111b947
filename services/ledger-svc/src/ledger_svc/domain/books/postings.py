"""The journal entries each business fact posts; see domain/books/journal.py for the chart.

A void or any other correction posts the reversal of the original entry
(`PostedEntry.reversal`, through `use_cases.post_journal_entry.reverse_journal_entries`).
"""

from ledger_svc.domain.books.journal import (
    Account,
    JournalEntry,
    JournalLine,
    SourceType,
    credit,
    debit,
)
from ledger_svc.domain.invoicing.invoice import Invoice
from ledger_svc.domain.payments.payment import Payment


def invoice_issued(invoice: Invoice) -> JournalEntry:
    """Dr receivable (gross) / Cr revenue (net) / Cr tax payable (tax, if any)."""
    currency, customer_id = invoice.currency, invoice.customer_id
    lines = [
        debit(
            Account.RECEIVABLE,
            invoice.total,
            currency,
            customer_id=customer_id,
            invoice_id=invoice.id,
        ),
        credit(Account.REVENUE, invoice.net, currency, customer_id=customer_id)
        if invoice.net
        else None,
        credit(Account.TAX_PAYABLE, invoice.tax, currency, customer_id=customer_id)
        if invoice.tax
        else None,
    ]
    return JournalEntry(
        SourceType.INVOICE,
        invoice.id,
        invoice.issue_date,
        f"Invoice {invoice.number} issued",
        tuple(line for line in lines if line is not None),
    )


def payment_received(payment: Payment) -> JournalEntry:
    """Dr bank (amount) / Cr receivable per allocated invoice / Cr customer credit (surplus)."""
    currency, customer_id = payment.currency, payment.customer_id
    lines: list[JournalLine] = [
        debit(Account.BANK, payment.amount, currency, customer_id=customer_id)
    ]
    lines += [
        credit(
            Account.RECEIVABLE,
            allocation.amount,
            currency,
            customer_id=customer_id,
            invoice_id=allocation.invoice_id,
        )
        for allocation in payment.allocations
    ]
    if payment.unapplied_amount:
        lines.append(
            credit(
                Account.CUSTOMER_CREDIT, payment.unapplied_amount, currency, customer_id=customer_id
            )
        )
    reference = f" ({payment.reference})" if payment.reference else ""
    return JournalEntry(
        SourceType.PAYMENT,
        payment.id,
        payment.received_on,
        f"Payment received{reference}",
        tuple(lines),
    )
