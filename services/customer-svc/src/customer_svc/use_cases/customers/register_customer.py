"""Register a customer and tell the platform about it."""

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from uuid6 import uuid7

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.customers.customer import Customer, new_customer
from customer_svc.domain.customers.lifecycle import initial_status
from customer_svc.domain.customers.profile import normalized
from customer_svc.use_cases.customers.profile_rules import (
    check_code_free,
    check_name_free,
    check_parent_company,
    customer_registered,
    profile_updated,
    seal_tax_id,
)


async def register_customer(
    uow: CustomerUnitOfWork,
    *,
    name: str,
    currency: str,
    payment_terms_days: int,
    status: str = "active",
    profile: Mapping[str, Any] | None = None,
    vault: PersonalDataVault | None = None,
    now: datetime,
    allow_duplicate_name: bool = False,
) -> Customer:
    """`profile`: any further fields of the file (code, country, tax_id, industry, ...)."""
    customer = new_customer(str(uuid7()), name, currency, payment_terms_days, registered_at=now)
    raw = {k: v for k, v in (profile or {}).items() if v is not None and v != []}
    values = normalized({k: v for k, v in raw.items() if k != "tax_id"})
    customer = replace(customer, status=initial_status(status), updated_at=now)
    if "code" in values:
        await check_code_free(uow, values["code"], customer.id)
    else:
        values["code"] = await uow.customers.next_code()
    if "parent_id" in values:
        await check_parent_company(uow, None, values["parent_id"])
    if "tax_id" in raw:
        assert vault is not None, "a tax id is sealed by the vault"
        values["tax_id"] = await seal_tax_id(
            uow, vault, customer.id, values.get("country"), raw["tax_id"]
        )
    customer = replace(customer, **values)
    await check_name_free(uow, customer, allow_duplicate_name=allow_duplicate_name)
    await uow.lock_customer(customer.id)
    uow.customers.add(customer)
    await uow.emit(customer_registered(customer))
    # CustomerRegistered predates the file's other fields: they follow as a profile update.
    if raw.keys() - {"code"}:
        await uow.emit(profile_updated(customer, (*raw.keys() - {"code"}, "code"), now))
    return customer
