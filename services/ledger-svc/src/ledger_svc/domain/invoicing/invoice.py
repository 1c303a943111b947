"""An invoice: what a customer owes us for what, by when, and how much of it is still open."""

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.invoicing.pricing import InvoiceLine
from ledger_svc.domain.invoicing.terms import InvoiceTerms, early_payment_discount
from ledger_svc.domain.payments.allocation import OpenItem
from ledgerflow_platform.errors import DomainError

INVOICE_SERIES = "INV"


class DueBeforeIssue(DomainError):
    """A due date earlier than the invoice's issue date."""


class InvoiceTotalNotPositive(DomainError):
    """An invoice whose lines add up to nothing: there is nothing to receive."""


class InvoiceNotFound(DomainError):
    """No invoice has this id."""

    def __init__(self, invoice_id: str) -> None:
        super().__init__(f"No invoice with id {invoice_id}.", field="invoice_id")
        self.invoice_id = invoice_id


class InvoiceNotVoidable(DomainError):
    """Only an invoice nothing was applied to can be voided; others need a credit note."""


class VoidBeforeIssue(DomainError):
    """A void dated before the invoice was issued."""


class InvoiceStatus(StrEnum):
    """How far an invoice has been paid, or that it was cancelled."""

    ISSUED = "issued"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    VOID = "void"
    # Closed by a credit note or by an approved write-off rather than by payment.
    CREDITED = "credited"
    WRITTEN_OFF = "written_off"


CLOSURES = frozenset({InvoiceStatus.CREDITED, InvoiceStatus.WRITTEN_OFF})


@dataclass(frozen=True)
class Invoice:
    """An issued invoice; only its open amount, overdue mark and void change after issue."""

    id: str
    number: str
    customer_id: str
    currency: str
    issue_date: date
    terms: InvoiceTerms
    net: int
    tax: int
    open_amount: int
    lines: tuple[InvoiceLine, ...]
    marked_overdue_on: date | None = None
    voided_on: date | None = None
    void_reason: str | None = None
    # How an invoice with nothing open was closed, when not by payment (CLOSURES).
    closed_as: InvoiceStatus | None = None
    # What the invoice bills, as the biller named it: an order and a contract of the customer's.
    order_reference: str | None = None
    contract_id: str | None = None

    @property
    def total(self) -> int:
        """The gross amount billed: net plus tax."""
        return self.net + self.tax

    @property
    def due_date(self) -> date:
        return self.terms.due_date

    @property
    def status(self) -> InvoiceStatus:
        if self.voided_on is not None:
            return InvoiceStatus.VOID
        if self.open_amount == 0 and self.closed_as is not None:
            return self.closed_as
        return status_for(self.total, self.open_amount)

    @property
    def overdue(self) -> bool:
        return self.marked_overdue_on is not None and self.open_amount > 0

    def as_open_item(self) -> OpenItem:
        return OpenItem(self.id, self.number, self.issue_date, self.due_date, self.open_amount)

    @property
    def unpaid_since(self) -> date | None:
        """When what is still owed fell (or falls) due: the earliest instalment not yet paid
        off; the due date itself for an invoice due in one sum."""
        return self.terms.unpaid_since(self.open_amount)

    def falls_overdue(self, as_of: date) -> bool:
        """Still owed past the due date of an instalment and not yet marked: an invoice in
        instalments is overdue once one of them is, and each invoice falls overdue once."""
        since = self.unpaid_since
        return since is not None and since < as_of and self.marked_overdue_on is None

    def early_payment_discount(self, paid_on: date) -> int:
        """What settling on `paid_on` takes off the total under the invoice's terms."""
        terms = self.terms
        return early_payment_discount(
            self.total, terms.discount_percent, terms.discount_until, paid_on
        )

    def void(self, voided_on: date, reason: str) -> "Invoice":
        """The invoice cancelled as of `voided_on`: nothing is owed on it any more."""
        if self.voided_on is not None:
            raise InvoiceNotVoidable(
                f"Invoice {self.number} was already voided on {self.voided_on}.",
                field="invoice_id",
            )
        if self.open_amount != self.total:
            applied = format_amount(self.total - self.open_amount, self.currency)
            raise InvoiceNotVoidable(
                f"Invoice {self.number} has {applied} {self.currency} applied to it; "
                "reverse that first or issue a credit note.",
                field="invoice_id",
            )
        if voided_on < self.issue_date:
            raise VoidBeforeIssue(
                f"The void date {voided_on} is before the issue date {self.issue_date}.",
                field="voided_on",
            )
        return replace(self, open_amount=0, voided_on=voided_on, void_reason=reason)


def status_for(total: int, open_amount: int) -> InvoiceStatus:
    if open_amount == 0:
        return InvoiceStatus.PAID
    return InvoiceStatus.ISSUED if open_amount == total else InvoiceStatus.PARTIALLY_PAID


def invoice_number(series: str, year: int, sequence: int) -> str:
    return f"{series}-{year}-{sequence:06d}"
