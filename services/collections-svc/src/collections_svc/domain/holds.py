"""What keeps invoices at their dunning level on a date: a customer's pause, an open dispute,
a live promise or a plan on track."""

from dataclasses import dataclass, field

from collections_svc.domain.dunning import DunnedInvoice


@dataclass(frozen=True)
class Holds:
    # Customers whose every invoice is held (a pause, or a promise naming no invoice).
    customers: frozenset[str] = field(default_factory=frozenset)
    invoices: frozenset[str] = field(default_factory=frozenset)
    # Invoices with an open dispute, whatever the amount disputed.
    disputed: frozenset[str] = field(default_factory=frozenset)

    def holds(self, invoice: DunnedInvoice) -> bool:
        return (
            invoice.customer_id in self.customers
            or invoice.invoice_id in self.invoices
            or invoice.invoice_id in self.disputed
        )
