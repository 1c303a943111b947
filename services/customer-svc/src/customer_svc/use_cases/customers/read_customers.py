"""Read customer files: disclosed per role, every clear read logged."""

from dataclasses import replace
from datetime import datetime

from customer_svc.adapters.customers import CustomerSearch
from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain import personal_data as pd
from customer_svc.domain.customers.tax_ids import lookup_forms
from customer_svc.domain.personal_data import Reader
from customer_svc.use_cases.customers.customer_file import existing_customer
from customer_svc.use_cases.personal_data.disclosure import CustomerView, Disclosures, disclosed


async def read_customer(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    *,
    now: datetime,
) -> CustomerView:
    customer = await existing_customer(uow, customer_id)
    return disclosed(uow, vault, reader, [customer], Disclosures.customer, now)[0]


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
    return disclosed(uow, vault, reader, customers, Disclosures.customer, now)
