"""A customer's receivables account: the currency it is kept in and the terms it is sold on."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ledger_svc.domain.contracts import CustomerContract
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


class CustomerNotInvoiceable(DomainError):
    """A new invoice for a customer whose file is suspended or closed."""

    def __init__(self, customer_id: str, status: str) -> None:
        super().__init__(
            f"Customer {customer_id} is {status}: no new invoices until the customer file is "
            "active again (payments, credit notes and refunds still post).",
            field="customer_id",
        )
        self.customer_id = customer_id
        self.status = status


# A customer in these states of its file is not billed again; what is owed is still collected.
NOT_INVOICEABLE = frozenset({"suspended", "closed"})


@dataclass(frozen=True)
class CustomerAccount:
    """The ledger's view of a customer: whose receivables, in which currency, on what terms,
    and where its file stands (status, the code it is filed under), as customer-svc told us."""

    customer_id: str
    currency: str
    payment_terms_days: int
    status: str = "active"
    code: str | None = None

    def ensure_invoiceable(self) -> None:
        if self.status in NOT_INVOICEABLE:
            raise CustomerNotInvoiceable(self.customer_id, self.status)

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


class CustomerDirectory(Protocol):
    """customer-svc's file of a customer the ledger has not heard of yet, asked directly."""

    async def find(self, customer_id: str) -> "CustomerFile | None": ...

    async def find_by_code(self, code: str) -> "CustomerFile | None": ...

    async def signed_contracts(self, customer_id: str) -> "list[CustomerContract]": ...


@dataclass(frozen=True)
class CustomerFile:
    """A customer as customer-svc files it: enough to open its account here."""

    account: CustomerAccount
    registered_at: datetime
