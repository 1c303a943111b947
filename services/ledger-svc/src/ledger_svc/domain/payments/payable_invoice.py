"""Invoices as cash application needs them: what is open, by when, and what paying early takes
off; lighter than the full Invoice, as many are read for every batch of payments."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledger_svc.domain.books.postings_discounts import TaxedInvoice
from ledger_svc.domain.invoicing.invoice import InvoiceStatus, status_for
from ledger_svc.domain.invoicing.terms import early_payment_discount
from ledger_svc.domain.payments.allocation import Allocation, OpenItem


@dataclass(frozen=True)
class PayableInvoice:
    """A customer's open invoice as it stood when read, before this request's payments."""

    invoice_id: str
    number: str
    customer_id: str
    currency: str
    issue_date: date
    due_date: date
    total: int
    open_amount: int
    discount_percent: Decimal | None = None
    discount_until: date | None = None
    # The output tax in `total`: an early-payment discount takes back its share of it.
    tax: int = 0

    def open_item(self, paid_on: date, open_amount: int) -> OpenItem:
        """The invoice as a payment received on `paid_on` finds it, owing `open_amount`."""
        discount = early_payment_discount(
            self.total, self.discount_percent, self.discount_until, paid_on
        )
        return OpenItem(
            self.invoice_id, self.number, self.issue_date, self.due_date, open_amount, discount
        )


class OpenInvoices:
    """The open invoices of some customers, kept current while payments are applied in turn."""

    def __init__(self, invoices: Iterable[PayableInvoice]) -> None:
        self._by_id = {i.invoice_id: i for i in invoices}
        self._open = {i.invoice_id: i.open_amount for i in self._by_id.values()}
        self._by_customer: dict[str, list[PayableInvoice]] = {}
        for invoice in self._by_id.values():
            self._by_customer.setdefault(invoice.customer_id, []).append(invoice)
        self._settled: set[str] = set()

    def open_items(self, customer_id: str, paid_on: date) -> list[OpenItem]:
        """The customer's invoices still open, as a payment received on `paid_on` finds them."""
        return [
            i.open_item(paid_on, self._open[i.invoice_id])
            for i in self._by_customer.get(customer_id, ())
            if self._open[i.invoice_id] > 0
        ]

    def __getitem__(self, invoice_id: str) -> PayableInvoice:
        return self._by_id[invoice_id]

    def __contains__(self, invoice_id: object) -> bool:
        return invoice_id in self._by_id

    def taxed(self, allocations: Iterable[Allocation]) -> dict[str, TaxedInvoice]:
        """Total and tax of each invoice allocated to: what splits its discount."""
        return {
            a.invoice_id: TaxedInvoice(
                self._by_id[a.invoice_id].total, self._by_id[a.invoice_id].tax
            )
            for a in allocations
        }

    def settle(self, allocations: Iterable[Allocation]) -> None:
        """Record what a payment settled: each invoice owes its `open_amount_after`."""
        for allocation in allocations:
            self._open[allocation.invoice_id] = allocation.open_amount_after
            self._settled.add(allocation.invoice_id)

    def settled(self) -> list[tuple[str, int, InvoiceStatus]]:
        """(invoice id, open amount, status) of every invoice a payment was applied to, as it
        stands after all of them."""
        return [
            (i, self._open[i], status_for(self._by_id[i].total, self._open[i]))
            for i in sorted(self._settled)
        ]
