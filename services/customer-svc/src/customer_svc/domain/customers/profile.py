"""A customer's file as it changes: codes, segments, parent company, versions and what changed."""

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from customer_svc.domain.customers.customer import Customer, account_currency, payment_terms
from customer_svc.domain.customers.places import Address, address, country_code
from customer_svc.domain.personal_data import Sealed
from ledgerflow_platform.errors import DomainError

# Personal fields travel sealed, and by name only in events.
PERSONAL_FIELDS = frozenset({"tax_id"})
REQUIRED_FIELDS = frozenset({"name", "code", "currency", "payment_terms_days", "segments"})
MAX_SEGMENTS = 20
_CODE = re.compile(r"[A-Z0-9][A-Z0-9._-]{1,31}")
_SEGMENT = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


class ValueRequired(DomainError):
    """The field cannot be emptied: every customer file has one."""


class InvalidCustomerCode(DomainError):
    """The customer code is not of the shape we file customers under."""


class InvalidSegment(DomainError):
    """A segment tag is not a short lowercase slug."""


class CustomerCodeTaken(DomainError):
    """Another customer is already filed under this code."""

    def __init__(self, code: str, existing_customer_id: str) -> None:
        super().__init__(f"Customer code {code} is taken by another customer.", field="code")
        self.existing_customer_id = existing_customer_id


class DuplicateTaxId(DomainError):
    """Another customer is registered with the same tax id in the same country."""

    def __init__(self, existing_customer_id: str) -> None:
        super().__init__("Another customer has this tax id.", field="tax_id")
        self.existing_customer_id = existing_customer_id


class UnknownParentCompany(DomainError):
    """The parent company named is not a customer we know."""


class CyclicParentCompany(DomainError):
    """The parent company would end up owned by the customer itself."""


def other_than(expected: Collection[int]) -> str:
    """The versions a client expected, as a refusal names them: `, not 1 or 2`.

    Empty when it named none (only weak ETags, which never match)."""
    return f", not {' or '.join(str(v) for v in expected)}" if expected else ""


class StaleCustomerFile(DomainError):
    """The customer file changed since the version the client edited."""

    def __init__(self, customer_id: str, expected: Collection[int], current: int) -> None:
        super().__init__(
            f"Customer {customer_id} is at version {current}{other_than(expected)}: read it again."
        )
        self.current = current


def customer_code(raw: str) -> str:
    code = raw.strip().upper()
    if not _CODE.fullmatch(code):
        raise InvalidCustomerCode(
            f"{raw!r} is not a customer code: 2 to 32 letters, digits, '.', '_' or '-'.",
            field="code",
        )
    return code


def segment_tags(raw: Sequence[str]) -> tuple[str, ...]:
    tags = sorted({tag.strip().lower() for tag in raw})
    for tag in tags:
        if not _SEGMENT.fullmatch(tag):
            raise InvalidSegment(
                f"{tag!r} is not a segment tag (a-z, 0-9, _ or -).", field="segments"
            )
    if len(tags) > MAX_SEGMENTS:
        raise InvalidSegment(f"At most {MAX_SEGMENTS} segment tags.", field="segments")
    return tuple(tags)


def _text(raw: str) -> str | None:
    return raw.strip() or None


def _address_of(field: str) -> Callable[[Mapping[str, Any]], Address]:
    return lambda raw: address(
        raw["lines"], raw["city"], raw.get("postal_code"), raw["country"], field=field
    )


_NORMALIZERS: dict[str, Callable[[Any], Any]] = {
    "name": str.strip,
    "code": customer_code,
    "country": country_code,
    "industry": _text,
    "region": _text,
    "billing_address": _address_of("billing_address"),
    "shipping_address": _address_of("shipping_address"),
    "currency": account_currency,
    "payment_terms_days": payment_terms,
    "segments": segment_tags,
}


def normalized(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Validated values of the non-personal fields given; personal ones are left to the vault."""
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if value is None:
            if name in REQUIRED_FIELDS:
                raise ValueRequired(f"{name} cannot be emptied.", field=name)
            values[name] = None
        elif name in _NORMALIZERS:
            values[name] = _NORMALIZERS[name](value)
        else:
            values[name] = value
    return values


def check_parent(customer_id: str | None, parent_id: str, ancestors: Sequence[str]) -> None:
    """`ancestors`: the parent's own chain of parents, nearest first."""
    if customer_id is not None and (parent_id == customer_id or customer_id in ancestors):
        raise CyclicParentCompany(
            f"Customer {parent_id} belongs to {customer_id}; it cannot also be its parent.",
            field="parent_id",
        )


def check_version(customer: Customer, expected: Collection[int] | None) -> None:
    """`expected`: the versions the client accepts (If-Match); None to skip the check."""
    if expected is not None and customer.version not in expected:
        raise StaleCustomerFile(customer.id, expected, customer.version)


def _same(before: Any, after: Any) -> bool:
    if isinstance(before, Sealed) and isinstance(after, Sealed):
        return before.index == after.index
    return bool(before == after)


def revise(
    customer: Customer, changes: Mapping[str, Any], at: datetime
) -> tuple[Customer, tuple[str, ...]]:
    """The file with `changes` applied, and the names of the fields that really changed."""
    changed = tuple(n for n, v in changes.items() if not _same(getattr(customer, n), v))
    if not changed:
        return customer, ()
    values = {name: changes[name] for name in changed}
    return replace(customer, **values, version=customer.version + 1, updated_at=at), changed
