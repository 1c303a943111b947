"""The customer's and the ledger's facts as these handler tests deliver them: EUR unless told,
invoices issued on 1 October and due end of October."""

from datetime import UTC, date, datetime

from uuid6 import uuid7

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.contracts.ledger import InvoiceIssued, InvoiceOverdue


def new_id() -> str:
    return str(uuid7())


def registered(customer: str, currency: str = "EUR") -> CustomerRegistered:
    return CustomerRegistered(
        customer_id=customer,
        name="Acme Trading Ltd",
        currency=currency,
        payment_terms_days=30,
        registered_at=datetime(2026, 10, 1, tzinfo=UTC),
    )


def issued(customer: str, invoice: str, total: str, currency: str = "EUR") -> InvoiceIssued:
    return InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice,
        number=f"INV-{invoice[-6:]}",
        currency=currency,
        total=total,
        issue_date=date(2026, 10, 1),
        due_date=date(2026, 10, 31),
    )


def overdue(customer: str, invoice: str, open_amount: str, currency: str = "EUR") -> InvoiceOverdue:
    return InvoiceOverdue(
        customer_id=customer,
        invoice_id=invoice,
        currency=currency,
        open_amount=open_amount,
        due_date=date(2026, 10, 31),
        as_of=date(2026, 11, 1),
    )
