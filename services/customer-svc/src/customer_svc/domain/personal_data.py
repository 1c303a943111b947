"""Personal data in a customer file: how it is held, who may read it, and what others see."""

from collections.abc import Collection
from dataclasses import dataclass

import phonenumbers

# Roles whose work needs the clear values (to call, bill, dun or pay the customer).
CLEAR_READERS = frozenset({"accountant", "credit_manager", "collector", "admin"})

TAX_ID = "tax_id"
CONTACT_NAME = "contact.name"
CONTACT_PHONE = "contact.phone"
CONTACT_EMAIL = "contact.email"
BANK_ACCOUNT_IBAN = "bank_account.iban"

# A service account sees in clear only what its job needs: collections e-mails the contacts
# marked as dunning recipients, so their addresses (and no other contact's) are shown to it.
SERVICE = "service"
SERVICE_CLEAR = {CONTACT_EMAIL: "dunning_recipient"}


@dataclass(frozen=True)
class Sealed:
    """A personal value as kept at rest: encrypted, opened only through the key ring."""

    token: str
    # Keyed blind index of the normalized value, for values we look up or deduplicate by.
    index: str | None = None


@dataclass(frozen=True)
class Reader:
    """Someone reading a customer file: who, in which roles, and why (the route they called)."""

    subject: str
    roles: frozenset[str]
    purpose: str

    @property
    def sees_clear(self) -> bool:
        return bool(self.roles & CLEAR_READERS)

    def sees_in_clear(self, field: str, record_roles: Collection[str] = ()) -> bool:
        """Whether this value is shown clear; `record_roles` are what its record is for
        (a contact's roles)."""
        if self.sees_clear:
            return True
        needed = SERVICE_CLEAR.get(field)
        return SERVICE in self.roles and needed is not None and needed in record_roles


@dataclass(frozen=True)
class Disclosure:
    """Clear personal values shown to one reader about one customer: what the access log keeps."""

    customer_id: str
    fields: tuple[str, ...]
    record_ids: tuple[str, ...]


def mask_name(name: str) -> str:
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())


def mask_phone(e164: str) -> str:
    country_code = phonenumbers.parse(e164).country_code
    return f"+{country_code} *** **{e164[-2:]}"


def mask_email(email: str) -> str:
    local, _, domain = email.rpartition("@")
    return f"{local[:1]}***@{domain}"


def mask_tail(value: str) -> str:
    return "****" + value[-4:]


MASKS = {
    TAX_ID: mask_tail,
    CONTACT_NAME: mask_name,
    CONTACT_PHONE: mask_phone,
    CONTACT_EMAIL: mask_email,
    BANK_ACCOUNT_IBAN: mask_tail,
}


def masked(field: str, value: str) -> str:
    return MASKS[field](value)
