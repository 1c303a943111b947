"""Dunning notice fees: collections-svc sends a notice at a level whose fee it names; the
ledger charges that fee on the invoice, once per invoice and level, as its own NF invoice.

Rules:
1. The fee is what the notice names for the invoice (its level's fee); none, or zero, charges
   nothing.
2. An invoice is charged at most once per level, whichever notice (or redelivery) names it.
3. The fee is billed like a late fee: Dr receivable (the NF invoice) / Cr late_fee_income,
   due on the day it is charged, with no tax.
4. It is dated the day the notice was sent, or, if that day's period is closed, the first
   open date after it (a notice is a fact from elsewhere: it is not refused, it is booked late).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledger_svc.domain.books.journal import Account, JournalEntry, SourceType, credit, debit
from ledger_svc.domain.invoicing.invoice import Invoice
from ledger_svc.domain.invoicing.pricing import InvoiceLine
from ledger_svc.domain.invoicing.terms import Instalment, InvoiceTerms, TermsKind

NOTICE_FEE_SERIES = "NF"


@dataclass(frozen=True)
class NoticeFee:
    """The fee of one dunning level on one invoice, billed as its own NF invoice."""

    invoice_id: str
    level: int
    notice_id: str
    customer_id: str
    currency: str
    amount: int
    charged_on: date
    fee_invoice: Invoice

    def journal_entry(self) -> JournalEntry:
        """Filed as a late fee under the fee invoice's id: the books count it as billed, and
        voiding the fee invoice finds and reverses it."""
        who, fee = self.customer_id, self.fee_invoice
        return JournalEntry(
            SourceType.LATE_FEE,
            fee.id,
            self.charged_on,
            f"Dunning level {self.level} notice fee charged as {fee.number}",
            (
                debit(
                    Account.RECEIVABLE,
                    self.amount,
                    self.currency,
                    customer_id=who,
                    invoice_id=fee.id,
                ),
                credit(Account.LATE_FEE_INCOME, self.amount, self.currency, customer_id=who),
            ),
        )


def charge_notice_fee(
    invoice: Invoice,
    *,
    level: int,
    amount: int,
    notice_id: str,
    charged_on: date,
    fee_invoice_id: str,
    fee_number: str,
) -> NoticeFee:
    line = InvoiceLine(
        f"Dunning level {level} notice fee on invoice {invoice.number}", Decimal(1), amount, amount
    )
    terms = InvoiceTerms(TermsKind.NET, 0, (Instalment(charged_on, amount),))
    fee_invoice = Invoice(
        fee_invoice_id,
        fee_number,
        invoice.customer_id,
        invoice.currency,
        charged_on,
        terms,
        net=amount,
        tax=0,
        open_amount=amount,
        lines=(line,),
    )
    return NoticeFee(
        invoice.id,
        level,
        notice_id,
        invoice.customer_id,
        invoice.currency,
        amount,
        charged_on,
        fee_invoice,
    )
