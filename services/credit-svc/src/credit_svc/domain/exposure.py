"""A customer's credit exposure: what it owes us now, and how much of that is already late."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ledgerflow_events.money import UnknownCurrency, currency_scale
from ledgerflow_platform.errors import DomainError


class UnsupportedCurrency(DomainError):
    """The currency is not one we can keep a credit account in."""


class CustomerNotFound(DomainError):
    """Credit control has no account for this customer."""

    def __init__(self, customer_id: str) -> None:
        super().__init__(f"No credit account for customer {customer_id}.")
        self.customer_id = customer_id


@dataclass(frozen=True)
class CreditAccount:
    """A customer we extend credit to, watched in its account currency."""

    customer_id: str
    currency: str
    terms_days: int | None = None
    # The grade of the latest assessment (None: never assessed) and when it is next reviewed.
    grade: str | None = None
    next_review_on: date | None = None


@dataclass(frozen=True)
class Receivable:
    """An invoice as credit control sees it: what is still owed on it, and whether it is late."""

    invoice_id: str
    currency: str
    open_amount: int
    overdue: bool = False
    due_date: date | None = None
    total: int | None = None
    issue_date: date | None = None
    order_reference: str | None = None
    opening: bool = False


@dataclass(frozen=True)
class Exposure:
    """What a customer owes us now and the overdue part of it, in minor units."""

    customer_id: str
    currency: str
    open_amount: int
    overdue_amount: int
    # The due date of the oldest invoice still owed and past due: how late the customer is.
    oldest_overdue_due: date | None = None


def open_account(customer_id: str, currency: str, terms_days: int | None = None) -> CreditAccount:
    try:
        currency_scale(currency)
    except UnknownCurrency as exc:
        raise UnsupportedCurrency(str(exc), field="currency") from exc
    return CreditAccount(customer_id, currency, terms_days)


def exposure_of(account: CreditAccount, receivables: Iterable[Receivable]) -> Exposure:
    # The ledger invoices a customer in its account currency only; summing across
    # currencies would be meaningless, so anything else is not part of this exposure.
    counted = [r for r in receivables if r.currency == account.currency and r.open_amount > 0]
    return Exposure(
        customer_id=account.customer_id,
        currency=account.currency,
        open_amount=sum(r.open_amount for r in counted),
        overdue_amount=sum(r.open_amount for r in counted if r.overdue),
        oldest_overdue_due=min(
            (r.due_date for r in counted if r.overdue and r.due_date is not None), default=None
        ),
    )
