"""The people we deal with at a customer, what they are for, and how to reach them."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from customer_svc.domain.customers.profile import other_than
from customer_svc.domain.personal_data import Sealed
from ledgerflow_platform.errors import DomainError


class ContactRole(StrEnum):
    PRIMARY = "primary"
    BILLING = "billing"
    DUNNING_RECIPIENT = "dunning_recipient"


# Invoices and dunning notices go out by email: those contacts need an address.
NEEDS_EMAIL = frozenset({ContactRole.BILLING, ContactRole.DUNNING_RECIPIENT})


class InvalidPhoneNumber(DomainError):
    """The phone number is not a dialable number."""


class InvalidEmail(DomainError):
    """The email address is not a valid address."""


class ContactUnreachable(DomainError):
    """A billing contact or dunning recipient needs an email address to receive what we send."""


class ContactNotFound(DomainError):
    """The customer has no contact with this id."""

    def __init__(self, contact_id: str) -> None:
        super().__init__(f"No contact with id {contact_id} at this customer.")
        self.contact_id = contact_id


class StaleContact(DomainError):
    """The contact changed since the version the client edited."""

    def __init__(self, contact_id: str, expected: Collection[int], current: int) -> None:
        super().__init__(
            f"Contact {contact_id} is at version {current}{other_than(expected)}: read it again."
        )
        self.current = current


@dataclass(frozen=True)
class ContactDetails:
    """A contact's details in clear, validated and normalized, before they are sealed."""

    name: str
    phone: str | None
    email: str | None
    roles: tuple[ContactRole, ...]


@dataclass(frozen=True)
class Contact:
    """A person at a customer, with roles; their name, phone and email are kept sealed."""

    id: str
    customer_id: str
    name: Sealed
    phone: Sealed | None
    email: Sealed | None
    roles: tuple[ContactRole, ...]
    created_at: datetime
    version: int = 1


def phone_number(raw: str, home_country: str | None) -> str:
    """E.164; a number without +country code is read as one of the customer's country."""
    try:
        number = phonenumbers.parse(raw, home_country)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(f"{raw!r} is not a phone number: {exc}", field="phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(f"{raw!r} is not a valid phone number.", field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_address(raw: str) -> str:
    try:
        # Deliverability needs DNS; a customer file must not depend on the network.
        return validate_email(raw, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidEmail(f"{raw!r} is not an email address: {exc}", field="email") from exc


def contact_roles(raw: Iterable[str]) -> tuple[ContactRole, ...]:
    return tuple(sorted({ContactRole(role) for role in raw}))


def contact_details(
    name: str, phone: str | None, email: str | None, roles: Iterable[str], home_country: str | None
) -> ContactDetails:
    details = ContactDetails(
        name=" ".join(name.split()),
        phone=phone_number(phone, home_country) if phone else None,
        email=email_address(email) if email else None,
        roles=contact_roles(roles),
    )
    if details.email is None and NEEDS_EMAIL & set(details.roles):
        needing = ", ".join(sorted(NEEDS_EMAIL & set(details.roles)))
        raise ContactUnreachable(f"A {needing} contact needs an email address.", field="email")
    return details


def passing_on_primary(others: Iterable[Contact], details: ContactDetails) -> list[Contact]:
    """A customer has one primary contact: naming a new one takes the role from the old."""
    if ContactRole.PRIMARY not in details.roles:
        return []
    return [
        replace(
            c,
            roles=tuple(r for r in c.roles if r is not ContactRole.PRIMARY),
            version=c.version + 1,
        )
        for c in others
        if ContactRole.PRIMARY in c.roles
    ]
