"""Correct a contact's name, phone, email or roles, at the version the client last read."""

from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain import personal_data as pd
from customer_svc.domain.contacts import (
    Contact,
    ContactNotFound,
    StaleContact,
    contact_details,
    passing_on_primary,
)
from customer_svc.domain.customers.profile import ValueRequired
from customer_svc.use_cases.customers.customer_file import announce_change, open_file_for_change


async def change_contact(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    customer_id: str,
    contact_id: str,
    changes: Mapping[str, Any],
    *,
    expected_versions: Collection[int] | None,
    now: datetime,
) -> Contact:
    customer = await open_file_for_change(uow, customer_id)
    contact = await uow.contacts.get(customer.id, contact_id)
    if contact is None:
        raise ContactNotFound(contact_id)
    if expected_versions is not None and contact.version not in expected_versions:
        raise StaleContact(contact.id, expected_versions, contact.version)
    for required in ("name", "roles"):
        if required in changes and changes[required] is None:
            raise ValueRequired(f"{required} cannot be emptied.", field=required)

    def current(field: str, sealed: pd.Sealed | None) -> str | None:
        return vault.open(field, sealed) if sealed else None

    details = contact_details(
        changes.get("name") or current(pd.CONTACT_NAME, contact.name) or "",
        changes["phone"] if "phone" in changes else current(pd.CONTACT_PHONE, contact.phone),
        changes["email"] if "email" in changes else current(pd.CONTACT_EMAIL, contact.email),
        changes.get("roles", contact.roles),
        customer.country,
    )
    changed = replace(
        contact,
        name=vault.seal(pd.CONTACT_NAME, details.name),
        phone=vault.seal(pd.CONTACT_PHONE, details.phone) if details.phone else None,
        email=vault.seal(pd.CONTACT_EMAIL, details.email) if details.email else None,
        roles=details.roles,
        version=contact.version + 1,
    )
    others = [c for c in await uow.contacts.of_customer(customer.id) if c.id != contact.id]
    for former in passing_on_primary(others, details):
        await uow.contacts.save(former)
    await uow.contacts.save(changed)
    await announce_change(uow, customer.id, "contacts", now)
    return changed
