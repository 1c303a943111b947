"""Read customer files, contacts and bank accounts: disclosed per role, every clear read logged."""

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from customer_svc.adapters.customers import CustomerSearch
from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain import personal_data as pd
from customer_svc.domain.bank_accounts import BankAccountNotFound
from customer_svc.domain.contacts import ContactNotFound
from customer_svc.domain.customers.customer import Customer, CustomerNotFound
from customer_svc.domain.customers.tax_ids import lookup_forms
from customer_svc.domain.personal_data import Reader
from customer_svc.use_cases.disclosure import (
    BankAccountView,
    ContactView,
    CustomerView,
    Disclosures,
)

Record = TypeVar("Record")
View = TypeVar("View")


async def _customer(uow: CustomerUnitOfWork, customer_id: str) -> Customer:
    customer = await uow.customers.get(customer_id)
    if customer is None:
        raise CustomerNotFound(customer_id)
    return customer


def _disclosed(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    records: Iterable[Record],
    view: Callable[[Disclosures, Record], View],
    now: datetime,
) -> list[View]:
    shown = Disclosures(vault, reader)
    views = [view(shown, r) for r in records]
    shown.record(uow, now)
    return views


async def read_customer(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    *,
    now: datetime,
) -> CustomerView:
    customer = await _customer(uow, customer_id)
    return _disclosed(uow, vault, reader, [customer], Disclosures.customer, now)[0]


async def search_customers(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    search: CustomerSearch,
    *,
    after: str | None,
    limit: int,
    now: datetime,
) -> list[CustomerView]:
    if search.q:
        # Tax ids are stored sealed: they are found by the blind index of the exact number.
        forms = lookup_forms(search.q)
        search = replace(search, tax_id_indexes={vault.index(pd.TAX_ID, f) for f in forms})
    customers = await uow.customers.page(after=after, limit=limit, search=search)
    return _disclosed(uow, vault, reader, customers, Disclosures.customer, now)


async def list_contacts(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    *,
    after: str | None,
    limit: int,
    now: datetime,
) -> list[ContactView]:
    customer = await _customer(uow, customer_id)
    contacts = await uow.contacts.of_customer(customer.id, after=after, limit=limit)
    return _disclosed(uow, vault, reader, contacts, Disclosures.contact, now)


async def read_contact(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    contact_id: str,
    *,
    now: datetime,
) -> ContactView:
    contact = await uow.contacts.get(customer_id, contact_id)
    if contact is None:
        raise ContactNotFound(contact_id)
    return _disclosed(uow, vault, reader, [contact], Disclosures.contact, now)[0]


async def list_bank_accounts(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    *,
    after: str | None,
    limit: int,
    now: datetime,
) -> list[BankAccountView]:
    customer = await _customer(uow, customer_id)
    accounts = await uow.bank_accounts.of_customer(customer.id, after=after, limit=limit)
    return _disclosed(uow, vault, reader, accounts, Disclosures.bank_account, now)


async def read_bank_account(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    account_id: str,
    *,
    now: datetime,
) -> BankAccountView:
    account = await uow.bank_accounts.get(customer_id, account_id)
    if account is None:
        raise BankAccountNotFound(account_id)
    return _disclosed(uow, vault, reader, [account], Disclosures.bank_account, now)[0]
