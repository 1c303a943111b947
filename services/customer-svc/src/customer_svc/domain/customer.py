"""A customer of the company: who we sell to on credit, in which currency, on which terms."""

from dataclasses import dataclass
from datetime import datetime

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
    id: str
    name: str
    currency: str
    payment_terms_days: int
    registered_at: datetime


def new_customer(
    customer_id: str, name: str, currency: str, payment_terms_days: int, registered_at: datetime
) -> Customer:
    try:
        currency_scale(currency)
    except UnknownCurrency as exc:
        raise UnsupportedCurrency(str(exc), field="currency") from exc
    if not 0 <= payment_terms_days <= MAX_PAYMENT_TERMS_DAYS:
        raise InvalidPaymentTerms(
            f"Payment terms must be 0 to {MAX_PAYMENT_TERMS_DAYS} days, not {payment_terms_days}.",
            field="payment_terms_days",
        )
    return Customer(customer_id, name.strip(), currency, payment_terms_days, registered_at)
