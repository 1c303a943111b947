"""The entries a cut-over posts: balances brought in, not sales or cash of this ledger, so
their other side is opening_balance_equity rather than revenue or bank."""

from ledger_svc.domain.books.journal import Account, JournalEntry, SourceType, credit, debit
from ledger_svc.domain.invoicing.invoice import Invoice
from ledger_svc.domain.payments.payment import Payment


def opening_invoice(invoice: Invoice) -> JournalEntry:
    """Dr receivable (the invoice) / Cr opening_balance_equity."""
    currency, customer_id = invoice.currency, invoice.customer_id
    return JournalEntry(
        SourceType.INVOICE,
        invoice.id,
        invoice.issue_date,
        f"Opening balance {invoice.number} brought in",
        (
            debit(
                Account.RECEIVABLE,
                invoice.total,
                currency,
                customer_id=customer_id,
                invoice_id=invoice.id,
            ),
            credit(Account.OPENING_BALANCE_EQUITY, invoice.total, currency),
        ),
    )


def opening_payment(payment: Payment) -> JournalEntry:
    """Dr opening_balance_equity / Cr receivable (the opening invoice it paid)."""
    currency, customer_id = payment.currency, payment.customer_id
    [allocation] = payment.allocations
    return JournalEntry(
        SourceType.PAYMENT,
        payment.id,
        payment.received_on,
        "Paid before the cut-over",
        (
            debit(Account.OPENING_BALANCE_EQUITY, payment.amount, currency),
            credit(
                Account.RECEIVABLE,
                allocation.amount,
                currency,
                customer_id=customer_id,
                invoice_id=allocation.invoice_id,
            ),
        ),
    )
