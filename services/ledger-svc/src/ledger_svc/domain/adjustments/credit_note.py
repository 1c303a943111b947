"""Credit notes: corrections in the customer's favour, against one invoice or on account.

Against an invoice, a credit note takes money off the invoice's open amount and can never
take more than is open (it may follow partial payments). Against a paid invoice (nothing open,
something paid), the credit goes to the customer's credit, up to what the invoice billed and
was not credited before. On account, it becomes customer credit, held like a payment's surplus
until it is refunded or applied. Credit notes have their own
number series, "CN" (CN-2026-000001).

Tax: a credit note against an invoice that billed tax takes tax back in the invoice's own
proportion of tax to gross. The share is reckoned cumulatively over the invoice's credit
notes, rounded half-up:

    tax credited so far = round(invoice tax x gross credited so far / invoice total)

so credit notes adding up to the whole total take back exactly the tax billed, never a cent
more. An on-account credit note carries no tax: it is a commercial credit; a tax
correction is made against the invoice it concerns.

Postings:   against an invoice   Dr revenue (net) + Dr tax_payable (tax) / Cr receivable
            against a paid one   Dr revenue (net) + Dr tax_payable (tax) / Cr customer_credit
            on account           Dr revenue / Cr customer_credit
On a late-fee invoice the debit goes to late_fee_income instead of revenue: it waives the fee.
"""

from dataclasses import dataclass
from datetime import date

from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.books.journal import Account, JournalEntry, SourceType, credit, debit
from ledger_svc.domain.invoicing.invoice import Invoice, InvoiceStatus
from ledgerflow_platform.errors import DomainError

CREDIT_NOTE_SERIES = "CN"


class CreditNoteNotFound(DomainError):
    """No credit note has this id."""

    def __init__(self, credit_note_id: str) -> None:
        super().__init__(f"No credit note with id {credit_note_id}.", field="credit_note_id")
        self.credit_note_id = credit_note_id


class InvoiceNotCreditable(DomainError):
    """A credit note against an invoice that has nothing open: void, paid or closed."""


class CreditExceedsOpenAmount(DomainError):
    """A credit note for more than the invoice still has open."""


class CreditNoteBeforeInvoice(DomainError):
    """A credit note dated before the invoice it corrects was issued."""


def tax_credited(invoice_total: int, invoice_tax: int, gross_credited: int) -> int:
    """The tax taken back once `gross_credited` of the invoice is credited, rounded half-up.

    The one split of a gross amount into net and tax in the invoice's tax proportion: credit
    notes, tax-adjusting write-offs and early-payment discounts all take it. The tax is
    `invoice_tax x gross_credited / invoice_total` rounded half up to the minor unit; the net
    takes the remainder (gross - tax), so net + tax is the gross to the cent."""
    return (2 * invoice_tax * gross_credited + invoice_total) // (2 * invoice_total)


@dataclass(frozen=True)
class CreditNoteDraft:
    """A checked credit note waiting only for its id and number."""

    customer_id: str
    currency: str
    issue_date: date
    amount: int
    tax: int
    reason: str
    invoice_id: str | None = None
    income_account: Account = Account.REVENUE
    # Against a paid invoice: the whole amount becomes the customer's credit.
    to_customer_credit: bool = False

    def issue(self, credit_note_id: str, number: str) -> "CreditNote":
        held = self.amount if self.invoice_id is None or self.to_customer_credit else 0
        return CreditNote(
            credit_note_id,
            number,
            self.customer_id,
            self.currency,
            self.issue_date,
            self.amount,
            self.tax,
            self.reason,
            self.invoice_id,
            self.income_account,
            held,
            self.to_customer_credit,
        )


@dataclass(frozen=True)
class CreditNote:
    """An issued credit note; on account, `unapplied_amount` is the credit it still holds."""

    id: str
    number: str
    customer_id: str
    currency: str
    issue_date: date
    amount: int
    tax: int
    reason: str
    invoice_id: str | None
    income_account: Account
    unapplied_amount: int
    # Known when issued (the journal entry is built then), not kept: read back, it is False.
    to_customer_credit: bool = False

    @property
    def net(self) -> int:
        return self.amount - self.tax

    @property
    def on_account(self) -> bool:
        return self.invoice_id is None

    def journal_entry(self) -> JournalEntry:
        currency, who = self.currency, {"customer_id": self.customer_id}
        lines = [debit(self.income_account, self.net, currency, **who)] if self.net else []
        if self.tax:
            lines.append(debit(Account.TAX_PAYABLE, self.tax, currency, **who))
        if self.on_account or self.to_customer_credit:
            lines.append(credit(Account.CUSTOMER_CREDIT, self.amount, currency, **who))
        else:
            receivable = credit(
                Account.RECEIVABLE, self.amount, currency, invoice_id=self.invoice_id, **who
            )
            lines.append(receivable)
        target = "on account" if self.on_account else "against an invoice"
        memo = f"Credit note {self.number} {target}: {self.reason}"
        return JournalEntry(SourceType.CREDIT_NOTE, self.id, self.issue_date, memo, tuple(lines))


def credit_against_invoice(
    invoice: Invoice,
    *,
    amount: int | None,
    credited_before: int,
    issue_date: date,
    reason: str,
    income_account: Account = Account.REVENUE,
) -> CreditNoteDraft:
    """Credit `amount` of the invoice, or all it has open (paid: all not yet credited) if no
    amount is given."""
    paid = invoice.open_amount == 0
    creditable = invoice.total - credited_before if paid else invoice.open_amount
    if invoice.voided_on is not None or invoice.status is InvoiceStatus.WRITTEN_OFF:
        state = "was voided" if invoice.voided_on is not None else "was written off"
        raise InvoiceNotCreditable(
            f"Invoice {invoice.number} {state}; credit the customer on account instead.",
            field="invoice_id",
        )
    if creditable <= 0:
        raise InvoiceNotCreditable(
            f"Invoice {invoice.number} was credited in full already.", field="invoice_id"
        )
    gross = creditable if amount is None else amount
    if gross > creditable:
        what = "not yet credited" if paid else "open"
        raise CreditExceedsOpenAmount(
            f"Invoice {invoice.number} has {format_amount(creditable, invoice.currency)} "
            f"{invoice.currency} {what}; a credit note cannot take off "
            f"{format_amount(gross, invoice.currency)}.",
            field="amount",
        )
    if issue_date < invoice.issue_date:
        raise CreditNoteBeforeInvoice(
            f"The credit note date {issue_date} is before the invoice's {invoice.issue_date}.",
            field="issue_date",
        )
    total, tax = invoice.total, invoice.tax
    share = tax_credited(total, tax, credited_before + gross) - tax_credited(
        total, tax, credited_before
    )
    return CreditNoteDraft(
        invoice.customer_id,
        invoice.currency,
        issue_date,
        gross,
        share,
        reason,
        invoice.id,
        income_account,
        to_customer_credit=paid,
    )


def credit_on_account(
    account: CustomerAccount, *, amount: int, issue_date: date, reason: str
) -> CreditNoteDraft:
    """A credit for the customer, not tied to any invoice: it becomes customer credit."""
    return CreditNoteDraft(account.customer_id, account.currency, issue_date, amount, 0, reason)
