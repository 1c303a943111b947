"""Checks a customer file must pass against the others before it is written."""

from datetime import datetime

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain import personal_data as pd
from customer_svc.domain.customers.customer import Customer
from customer_svc.domain.customers.names import (
    DuplicateCustomerName,
    legal_name_key,
    same_company,
)
from customer_svc.domain.customers.profile import (
    PERSONAL_FIELDS,
    CustomerCodeTaken,
    DuplicateTaxId,
    UnknownParentCompany,
    check_parent,
)
from customer_svc.domain.customers.tax_ids import tax_id
from customer_svc.domain.personal_data import Sealed
from ledgerflow_events.contracts.customer import CustomerProfileUpdated, CustomerRegistered

# Values of these fields travel in CustomerProfileUpdated; the rest by name only.
PUBLISHED_VALUES = (
    "name",
    "code",
    "currency",
    "payment_terms_days",
    "country",
    "industry",
    "region",
    "parent_id",
)


async def check_code_free(uow: CustomerUnitOfWork, code: str, customer_id: str | None) -> None:
    await uow.customers.claim("code", code)
    holder = await uow.customers.holder_of_code(code)
    if holder is not None and holder != customer_id:
        raise CustomerCodeTaken(code, holder)


async def check_parent_company(
    uow: CustomerUnitOfWork, customer_id: str | None, parent_id: str
) -> None:
    if await uow.customers.get(parent_id) is None:
        raise UnknownParentCompany(f"No customer with id {parent_id}.", field="parent_id")
    check_parent(customer_id, parent_id, await uow.customers.ancestors(parent_id))


async def seal_tax_id(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    customer_id: str,
    country: str | None,
    raw: str,
) -> Sealed:
    number = tax_id(country, raw)
    sealed = vault.seal(pd.TAX_ID, number.number, indexed=True)
    assert sealed.index is not None
    await uow.customers.claim("tax-id", f"{number.country}:{sealed.index}")
    holder = await uow.customers.holder_of_tax_id(number.country, sealed.index)
    if holder is not None and holder != customer_id:
        raise DuplicateTaxId(holder)
    return sealed


async def check_name_free(
    uow: CustomerUnitOfWork, customer: Customer, *, allow_duplicate_name: bool
) -> None:
    """Refuse a second file of one company: the same legal name, unless told it is another
    company or both tax ids show it is."""
    if allow_duplicate_name:
        return
    key = legal_name_key(customer.name)
    await uow.customers.claim("name", key)
    tax_id = customer.tax_id.index if customer.tax_id else None
    holder = same_company(await uow.customers.holders_of_name(key), tax_id)
    if holder is not None and holder != customer.id:
        raise DuplicateCustomerName(holder)


def profile_updated(
    customer: Customer, changed: tuple[str, ...], at: datetime
) -> CustomerProfileUpdated:
    values = {name: getattr(customer, name) for name in PUBLISHED_VALUES if name in changed}
    if "segments" in changed:
        values["segments"] = list(customer.segments)
    assert not PERSONAL_FIELDS & values.keys()
    return CustomerProfileUpdated(
        customer_id=customer.id, changed_fields=sorted(changed), updated_at=at, **values
    )


def customer_registered(customer: Customer) -> CustomerRegistered:
    """The registration as the platform hears it: terms and the file's non-personal fields."""
    return CustomerRegistered(
        customer_id=customer.id,
        name=customer.name,
        currency=customer.currency,
        payment_terms_days=customer.payment_terms_days,
        registered_at=customer.registered_at,
        code=customer.code or None,
        country=customer.country,
        industry=customer.industry,
        region=customer.region,
        segments=list(customer.segments) if customer.segments else None,
    )
