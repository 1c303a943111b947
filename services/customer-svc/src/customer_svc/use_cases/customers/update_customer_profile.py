"""Change fields of a customer's file, at the version the client last read."""

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain import personal_data as pd
from customer_svc.domain.customers.account_standing import (
    LedgerStandings,
    ensure_currency_free,
)
from customer_svc.domain.customers.customer import Customer, CustomerNotFound
from customer_svc.domain.customers.lifecycle import check_open
from customer_svc.domain.customers.profile import check_version, normalized, revise
from customer_svc.use_cases.customers.profile_rules import (
    check_code_free,
    check_parent_company,
    profile_updated,
    seal_tax_id,
)


async def _tax_id_after(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    customer: Customer,
    changes: Mapping[str, Any],
    country: str | None,
) -> dict[str, Any]:
    if "tax_id" in changes:
        raw = changes["tax_id"]
        if raw is None:
            return {"tax_id": None}
        return {"tax_id": await seal_tax_id(uow, vault, customer.id, country, raw)}
    if "country" in changes and customer.tax_id is not None:
        # The number kept must still be valid, and unique, in the country it now belongs to.
        kept = vault.open(pd.TAX_ID, customer.tax_id)
        return {"tax_id": await seal_tax_id(uow, vault, customer.id, country, kept)}
    return {}


async def update_customer_profile(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    customer_id: str,
    changes: Mapping[str, Any],
    *,
    expected_versions: Collection[int] | None,
    now: datetime,
    ledger: LedgerStandings | None = None,
) -> tuple[Customer, tuple[str, ...]]:
    """The file after the change, and the names of the fields that really changed.
    `ledger`: asked before the currency changes (CurrencyInUse while it holds amounts)."""
    await uow.lock_customer(customer_id)
    customer = await uow.customers.get(customer_id)
    if customer is None:
        raise CustomerNotFound(customer_id)
    check_version(customer, expected_versions)
    check_open(customer.id, customer.status)
    values = normalized({k: v for k, v in changes.items() if k != "tax_id"})
    await ensure_currency_free(ledger, customer.id, customer.currency, values.get("currency"))
    if "code" in values:
        await check_code_free(uow, values["code"], customer.id)
    if values.get("parent_id") is not None:
        await check_parent_company(uow, customer.id, values["parent_id"])
    country = values.get("country", customer.country)
    values |= await _tax_id_after(uow, vault, customer, changes, country)
    revised, changed = revise(customer, values, now)
    if changed:
        await uow.customers.save(revised)
        await uow.emit(profile_updated(revised, changed, now))
    return revised, changed
