"""What a response shows of personal data: clear to roles that need it (and logged), masked else."""

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain import personal_data as pd
from customer_svc.domain.bank_accounts import BankAccount
from customer_svc.domain.contacts import Contact
from customer_svc.domain.customers.customer import Customer
from customer_svc.domain.personal_data import Disclosure, Reader, Sealed

Record = TypeVar("Record")
View = TypeVar("View")

# Write responses show masks only: nothing clear is echoed, stored for replay, or left unlogged.
WRITER = Reader(subject="", roles=frozenset(), purpose="")


@dataclass(frozen=True)
class CustomerView:
    """A customer file as one reader may see it."""

    customer: Customer
    tax_id: str | None


@dataclass(frozen=True)
class ContactView:
    """A contact as one reader may see it."""

    contact: Contact
    name: str
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class BankAccountView:
    """A bank account as one reader may see it."""

    account: BankAccount
    iban: str


class Disclosures:
    """Opens sealed values for one reader and remembers every clear one it showed."""

    def __init__(self, vault: PersonalDataVault, reader: Reader) -> None:
        self._vault = vault
        self._reader = reader
        self._fields: dict[str, set[str]] = defaultdict(set)
        self._records: dict[str, set[str]] = defaultdict(set)

    def show(
        self,
        customer_id: str,
        record_id: str,
        field: str,
        sealed: Sealed | None,
        record_roles: Collection[str] = (),
    ) -> str | None:
        if sealed is None:
            return None
        value = self._vault.open(field, sealed)
        if not self._reader.sees_in_clear(field, record_roles):
            return pd.masked(field, value)
        self._fields[customer_id].add(field)
        self._records[customer_id].add(record_id)
        return value

    def customer(self, customer: Customer) -> CustomerView:
        return CustomerView(
            customer, self.show(customer.id, customer.id, pd.TAX_ID, customer.tax_id)
        )

    def contact(self, contact: Contact) -> ContactView:
        def show(field: str, sealed: Sealed | None) -> str | None:
            return self.show(contact.customer_id, contact.id, field, sealed, contact.roles)

        name = show(pd.CONTACT_NAME, contact.name)
        assert name is not None
        return ContactView(
            contact,
            name,
            show(pd.CONTACT_PHONE, contact.phone),
            show(pd.CONTACT_EMAIL, contact.email),
        )

    def bank_account(self, account: BankAccount) -> BankAccountView:
        iban = self.show(account.customer_id, account.id, pd.BANK_ACCOUNT_IBAN, account.iban)
        assert iban is not None
        return BankAccountView(account, iban)

    def record(self, uow: CustomerUnitOfWork, at: datetime) -> None:
        """Write what was shown in clear to the access log, one entry per customer."""
        uow.access_log.record(
            self._reader,
            (
                Disclosure(
                    customer_id, tuple(sorted(fields)), tuple(sorted(self._records[customer_id]))
                )
                for customer_id, fields in sorted(self._fields.items())
            ),
            at,
        )


def disclosed(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    records: Iterable[Record],
    view: Callable[[Disclosures, Record], View],
    now: datetime,
) -> list[View]:
    """`records` as `reader` may see them; what was shown in clear goes to the access log."""
    shown = Disclosures(vault, reader)
    views = [view(shown, r) for r in records]
    shown.record(uow, now)
    return views
