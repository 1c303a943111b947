"""A priced, checked invoice before it is numbered, and the rules that draft one."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.amounts import ensure_within_bounds
from ledger_svc.domain.calendar import CALENDAR_DAYS, BusinessCalendar
from ledger_svc.domain.invoicing.invoice import DueBeforeIssue, Invoice, InvoiceTotalNotPositive
from ledger_svc.domain.invoicing.pricing import InvoiceLine, LineRequest, price_line
from ledger_svc.domain.invoicing.terms import (
    InvalidTerms,
    InvoiceTerms,
    PaymentTerms,
    TermsKind,
    fixed_due_date,
    resolve_terms,
)


@dataclass(frozen=True)
class InvoiceDraft:
    """A validated, priced invoice waiting only for its id and number."""

    customer_id: str
    currency: str
    issue_date: date
    terms: InvoiceTerms
    lines: tuple[InvoiceLine, ...]
    order_reference: str | None = None
    contract_id: str | None = None

    @property
    def due_date(self) -> date:
        return self.terms.due_date

    @property
    def net(self) -> int:
        return sum(line.net for line in self.lines)

    @property
    def tax(self) -> int:
        return sum(line.tax_amount for line in self.lines)

    @property
    def total(self) -> int:
        return self.net + self.tax

    def issue(self, invoice_id: str, number: str) -> Invoice:
        return Invoice(
            invoice_id,
            number,
            self.customer_id,
            self.currency,
            self.issue_date,
            self.terms,
            self.net,
            self.tax,
            self.total,
            self.lines,
            order_reference=self.order_reference,
            contract_id=self.contract_id,
        )


def draft_invoice(
    account: CustomerAccount,
    *,
    issue_date: date,
    due_date: date | None,
    currency: str | None,
    lines: Sequence[LineRequest],
    terms: PaymentTerms | None = None,
    calendar: BusinessCalendar = CALENDAR_DAYS,
    order_reference: str | None = None,
    contract_id: str | None = None,
) -> InvoiceDraft:
    """Price and check an invoice. It is due on `due_date` if given, else by `terms`, else by
    the customer's default terms (net days); dates from terms roll to business days.
    A suspended or closed customer is not billed."""
    account.ensure_invoiceable()
    invoice_currency = account.ensure_currency(currency)
    if due_date is not None and terms is not None:
        raise InvalidTerms("Give either a due date or terms, not both.", field="terms")
    if due_date is not None and due_date < issue_date:
        raise DueBeforeIssue(
            f"The due date {due_date} is before the issue date {issue_date}.", field="due_date"
        )
    priced = tuple(price_line(line, invoice_currency, index=i) for i, line in enumerate(lines))
    total = sum(line.gross for line in priced)
    if total <= 0:
        raise InvoiceTotalNotPositive(
            "The lines of an invoice must add up to more than zero.", field="lines"
        )
    ensure_within_bounds(total, invoice_currency, field="lines")
    if due_date is not None:
        resolved = fixed_due_date(due_date, issue_date=issue_date, total=total)
    else:
        asked = terms or PaymentTerms(TermsKind.NET, days=account.payment_terms_days)
        resolved = resolve_terms(asked, total=total, issue_date=issue_date, calendar=calendar)
    return InvoiceDraft(
        account.customer_id,
        invoice_currency,
        issue_date,
        resolved,
        priced,
        order_reference=order_reference,
        contract_id=contract_id,
    )
