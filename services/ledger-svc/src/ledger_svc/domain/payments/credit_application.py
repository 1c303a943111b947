"""Applying a customer's credit to their invoices.

Credit (payment surpluses and on-account credit notes, domain/adjustments/customer_credit.py) stays
with the customer until someone applies it: issuing an invoice does not consume it, so the
credit can still be refunded or kept for the invoice the customer means it for. Applying it
pays the invoices listed, else the open invoices oldest due first, by the same rules as a
payment received on the application's date (an invoice settled inside its early-payment
window gets its discount). Only credit held on that date counts, drawn oldest first.
It posts Dr customer_credit / Cr receivable per invoice; the sources give up what was drawn.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ledger_svc.domain.adjustments.customer_credit import (
    CreditDraw,
    CreditSource,
    available_credit,
    draw_credit,
)
from ledger_svc.domain.books.journal import Account, JournalEntry, SourceType, credit, debit
from ledger_svc.domain.payments.allocation import Allocation, OpenItem
from ledger_svc.domain.payments.cash_application import (
    InvoiceOnFile,
    RequestedAllocation,
    apply_payment,
)
from ledgerflow_platform.errors import DomainError


class NoCreditToApply(DomainError):
    """The customer holds no credit on the date it was to be applied."""


class NothingToSettle(DomainError):
    """The customer has no open invoice the credit could pay."""


@dataclass(frozen=True)
class CreditApplication:
    """Customer credit applied to invoices on a business date, and where it was drawn from."""

    id: str
    customer_id: str
    currency: str
    applied_on: date
    allocations: tuple[Allocation, ...]
    draws: tuple[CreditDraw, ...]
    # Credit the customer still holds afterwards, whatever its date.
    credit_remaining: int

    @property
    def amount(self) -> int:
        return sum(a.amount for a in self.allocations)

    def journal_entry(self) -> JournalEntry:
        """Dr customer credit (what was applied) / Cr receivable per invoice."""
        currency, customer_id = self.currency, self.customer_id
        lines = [debit(Account.CUSTOMER_CREDIT, self.amount, currency, customer_id=customer_id)]
        lines += [
            credit(
                Account.RECEIVABLE,
                a.amount,
                currency,
                customer_id=customer_id,
                invoice_id=a.invoice_id,
            )
            for a in self.allocations
        ]
        return JournalEntry(
            SourceType.CREDIT_APPLICATION,
            self.id,
            self.applied_on,
            "Customer credit applied",
            tuple(lines),
        )


def apply_credit(
    application_id: str,
    *,
    customer_id: str,
    currency: str,
    applied_on: date,
    sources: Sequence[CreditSource],
    open_items: Sequence[OpenItem],
    invoice_ids: Sequence[str] = (),
    on_file: Mapping[str, InvoiceOnFile] | None = None,
) -> CreditApplication:
    """Apply as much of the credit held on `applied_on` as the invoices take."""
    held = [s for s in sources if s.dated <= applied_on and s.available > 0]
    available = available_credit(held)
    if available == 0:
        raise NoCreditToApply(f"The customer holds no credit on {applied_on}.", field="as_of")
    cash = apply_payment(
        available,
        open_items,
        customer_id=customer_id,
        currency=currency,
        requested=[RequestedAllocation(i) for i in invoice_ids],
        on_file=on_file,
        listed_as="invoice_ids",
    )
    if not cash.allocations:
        raise NothingToSettle("The customer has no open invoice to apply credit to.")
    draws = draw_credit(cash.applied, held, currency, field="invoice_ids")
    return CreditApplication(
        application_id,
        customer_id,
        currency,
        applied_on,
        cash.allocations,
        draws,
        available_credit(sources) - cash.applied,
    )
