"""A customer's receivables account: the currency it is kept in and the terms it is sold on."""

from dataclasses import dataclass

from ledgerflow_platform.errors import DomainError


class UnknownCustomer(DomainError):
    """A posting names a customer the ledger has not opened an account for (yet)."""

    def __init__(self, customer_id: str) -> None:
        super().__init__(
            f"The ledger has no account for customer {customer_id}; "
            "it opens one when the customer's registration reaches it.",
            field="customer_id",
        )
        self.customer_id = customer_id


class CustomerAccountNotFound(DomainError):
    """A lookup of a customer account the ledger does not keep."""

    def __init__(self, customer_id: str) -> None:
        super().__init__(f"The ledger has no account for customer {customer_id}.")
        self.customer_id = customer_id


class CurrencyMismatch(DomainError):
    """A posting in another currency than the customer's account."""

    def __init__(self, given: str, account_currency: str) -> None:
        super().__init__(
            f"The customer's account is kept in {account_currency}, not {given}.",
            field="currency",
        )
        self.given = given
        self.account_currency = account_currency


@dataclass(frozen=True)
class CustomerAccount:
    """The ledger's view of a customer: whose receivables, in which currency, on what terms."""

    customer_id: str
    currency: str
    payment_terms_days: int

    def ensure_currency(self, currency: str | None) -> str:
        """The account currency, refusing a posting that names another one."""
        if currency is not None and currency != self.currency:
            raise CurrencyMismatch(currency, self.currency)
        return self.currency


@dataclass(frozen=True)
class Balance:
    """What a customer owes us, what of it is late, and what we hold for them."""

    customer_id: str
    currency: str
    open_amount: int
    overdue_amount: int
    credit_amount: int
