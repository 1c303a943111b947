"""What keeps invoices at their dunning level on a date: a customer's pause, an open dispute,
a live promise or a plan on track."""

from dataclasses import dataclass, field

from collections_svc.domain.dunning import DunnedInvoice


@dataclass(frozen=True)
class Holds:
    # Customers whose every invoice is held by a pause.
    customers: frozenset[str] = field(default_factory=frozenset)
    # Invoices a live promise names.
    invoices: frozenset[str] = field(default_factory=frozenset)
    # Invoices with an open dispute, whatever the amount disputed.
    disputed: frozenset[str] = field(default_factory=frozenset)
    # Customers whose live promise names no invoice: it covers them all.
    promised_customers: frozenset[str] = field(default_factory=frozenset)
    # Invoices a payment plan on track covers.
    planned: frozenset[str] = field(default_factory=frozenset)

    @property
    def held_customers(self) -> frozenset[str]:
        """Customers none of whose invoices move."""
        return self.customers | self.promised_customers

    @property
    def held_invoices(self) -> frozenset[str]:
        """Invoices that do not move, whoever owes them."""
        return self.invoices | self.disputed | self.planned

    def holds(self, invoice: DunnedInvoice) -> bool:
        return (
            invoice.customer_id in self.customers
            or invoice.invoice_id in self.invoices
            or invoice.invoice_id in self.disputed
            or invoice.customer_id in self.promised_customers
            or invoice.invoice_id in self.planned
        )
