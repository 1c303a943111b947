"""A customer of the company: who we sell to on credit, in which currency, on which terms."""

from dataclasses import dataclass
from datetime import datetime

from customer_svc.domain.customers.lifecycle import CustomerStatus
from customer_svc.domain.customers.places import Address
from customer_svc.domain.personal_data import Sealed
from ledgerflow_events.money import UnknownCurrency, currency_scale
from ledgerflow_platform.errors import DomainError

MAX_PAYMENT_TERMS_DAYS = 365


class UnsupportedCurrency(DomainError):
    """The currency is not one we can keep an account in."""


class InvalidPaymentTerms(DomainError):
    """Payment terms outside what the business offers."""


class CustomerNotFound(DomainError):
    """No customer has this id."""

    def __init__(self, customer_id: str) -> None:
        super().__init__(f"No customer with id {customer_id}.")
        self.customer_id = customer_id


@dataclass(frozen=True)
class Customer:
    """A company we sell to: its legal identity, terms, segments and standing with us."""

    id: str
    name: str
    currency: str
    payment_terms_days: int
    registered_at: datetime
    code: str = ""
    status: CustomerStatus = CustomerStatus.ACTIVE
    country: str | None = None
    tax_id: Sealed | None = None
    industry: str | None = None
    region: str | None = None
    billing_address: Address | None = None
    shipping_address: Address | None = None
    segments: tuple[str, ...] = ()
    parent_id: str | None = None
    # Bumped by every change to the file; clients send it back as If-Match.
    version: int = 1
    updated_at: datetime | None = None


def account_currency(currency: str) -> str:
    try:
        currency_scale(currency)
    except UnknownCurrency as exc:
        raise UnsupportedCurrency(str(exc), field="currency") from exc
    return currency


def payment_terms(days: int) -> int:
    if not 0 <= days <= MAX_PAYMENT_TERMS_DAYS:
        raise InvalidPaymentTerms(
            f"Payment terms must be 0 to {MAX_PAYMENT_TERMS_DAYS} days, not {days}.",
            field="payment_terms_days",
        )
    return days


def new_customer(
    customer_id: str, name: str, currency: str, payment_terms_days: int, registered_at: datetime
) -> Customer:
    return Customer(
        customer_id,
        name.strip(),
        account_currency(currency),
        payment_terms(payment_terms_days),
        registered_at,
    )
