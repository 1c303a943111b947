"""The accounts a customer pays from and is refunded to: IBAN and BIC, validated with schwifty."""

from dataclasses import dataclass
from datetime import datetime

from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from customer_svc.domain.customers.customer import account_currency
from customer_svc.domain.personal_data import Sealed
from ledgerflow_platform.errors import DomainError


class InvalidIban(DomainError):
    """The IBAN fails its structure or check digits."""


class InvalidBic(DomainError):
    """The BIC is not a valid bank identifier code."""


class DuplicateBankAccount(DomainError):
    """The customer already has this account."""

    def __init__(self, existing_account_id: str) -> None:
        super().__init__("The customer already has this bank account.", field="iban")
        self.existing_account_id = existing_account_id


class BankAccountNotFound(DomainError):
    """The customer has no bank account with this id."""

    def __init__(self, account_id: str) -> None:
        super().__init__(f"No bank account with id {account_id} at this customer.")
        self.account_id = account_id


@dataclass(frozen=True)
class BankDetails:
    """An account's IBAN and BIC in clear, validated and compact, before the IBAN is sealed."""

    iban: str
    bic: str | None
    currency: str | None


@dataclass(frozen=True)
class BankAccount:
    """An account of a customer; its IBAN is kept sealed, the bank's BIC is not personal."""

    id: str
    customer_id: str
    iban: Sealed
    bic: str | None
    currency: str | None
    created_at: datetime


def bank_details(iban: str, bic: str | None, currency: str | None) -> BankDetails:
    try:
        compact_iban = IBAN(iban).compact
    except SchwiftyException as exc:
        raise InvalidIban(f"{iban!r} is not a valid IBAN: {exc}", field="iban") from exc
    try:
        compact_bic = BIC(bic).compact if bic else None
    except SchwiftyException as exc:
        raise InvalidBic(f"{bic!r} is not a valid BIC: {exc}", field="bic") from exc
    return BankDetails(compact_iban, compact_bic, account_currency(currency) if currency else None)
