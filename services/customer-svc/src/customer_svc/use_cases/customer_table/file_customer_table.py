"""A checked customer table made into new customers, sealed contacts and contracts, and events."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from customer_svc.adapters.customer_table.store import FiledCustomer
from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.domain import personal_data as pd
from customer_svc.domain.contacts import Contact, ContactDetails
from customer_svc.domain.contracts.contract import ContractStatus
from customer_svc.domain.customer_table.plan import ImportPlan, PlannedCustomer
from customer_svc.domain.customers.customer import Customer
from customer_svc.use_cases.contracts.announce_contract import contract_signed
from customer_svc.use_cases.customers.profile_rules import customer_registered, profile_updated
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.ids import time_ordered_ids


@dataclass(frozen=True)
class NewNames:
    """Codes drawn for customers (by position in the plan) and numbers for their contracts."""

    codes: Mapping[int, str]
    contract_numbers: Mapping[tuple[int, int], str]


def _contact(
    vault: PersonalDataVault, customer: Customer, details: ContactDetails, contact_id: str
) -> Contact:
    return Contact(
        id=contact_id,
        customer_id=customer.id,
        name=vault.seal(pd.CONTACT_NAME, details.name),
        phone=vault.seal(pd.CONTACT_PHONE, details.phone) if details.phone else None,
        email=vault.seal(pd.CONTACT_EMAIL, details.email) if details.email else None,
        roles=details.roles,
        created_at=customer.registered_at,
    )


def _filed(
    n: int,
    planned: PlannedCustomer,
    names: NewNames,
    vault: PersonalDataVault,
    now: datetime,
    ids: Iterator[str],
) -> FiledCustomer:
    tax_id = planned.tax_id
    customer = replace(
        planned.customer,
        id=next(ids),
        code=names.codes.get(n, planned.customer.code),
        tax_id=vault.seal(pd.TAX_ID, tax_id.number, indexed=True) if tax_id else None,
    )
    contacts = [_contact(vault, customer, d, next(ids)) for d in planned.contacts]
    contracts = [
        replace(
            line.contract,
            id=next(ids),
            customer_id=customer.id,
            number=line.contract.number or names.contract_numbers[(n, k)],
        )
        for k, line in enumerate(planned.contracts)
    ]
    events: list[EventData] = [customer_registered(customer)]
    # As a registration does: the file's further fields follow as a profile update.
    further = [name for name in ("country", "tax_id") if getattr(customer, name) is not None]
    further += ["contacts"] if contacts else []
    if further:
        events.append(profile_updated(customer, (*further, "code"), now))
    events += [
        contract_signed(contract, activated_on=now.date())
        for contract in contracts
        if contract.status is ContractStatus.ACTIVE
    ]
    return FiledCustomer(customer, contacts, contracts, events)


def filed_customers(
    plan: ImportPlan, names: NewNames, vault: PersonalDataVault, now: datetime
) -> list[FiledCustomer]:
    """Every customer of the plan with its ids, code, sealed personal values and events."""
    ids = time_ordered_ids()
    return [_filed(n, p, names, vault, now, ids) for n, p in enumerate(plan.customers)]
