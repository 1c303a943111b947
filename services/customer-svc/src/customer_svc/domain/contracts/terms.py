"""What a contract version holds: project, dates, money and payment terms, validated."""

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from customer_svc.domain.customers.customer import MAX_PAYMENT_TERMS_DAYS
from ledgerflow_events.money import InvalidAmount, UnknownCurrency, currency_scale, to_minor
from ledgerflow_platform.errors import DomainError

# Keeps every total far inside a bigint whatever the currency's scale.
MAX_TOTAL_MINOR = 10**15 - 1


class InvalidContractTerms(DomainError):
    """A contract term is not one the business can hold: bad amount, currency, terms or text."""


class NothingToAmend(DomainError):
    """An amendment that would leave every term as it is."""


@dataclass(frozen=True)
class ContractTerms:
    """The agreed terms of one version of a contract."""

    project: str
    signed_on: date | None
    currency: str
    total_minor: int
    payment_terms_days: int
    payment_cycle: str | None
    notes: str | None


AMENDABLE = (*(f.name for f in fields(ContractTerms) if f.name != "total_minor"), "total")
REQUIRED = frozenset({"project", "currency", "total", "payment_terms_days"})


def _currency(code: str) -> str:
    try:
        currency_scale(code)
    except UnknownCurrency as exc:
        raise InvalidContractTerms(str(exc), field="currency") from exc
    return code


def parse_total(total: str, currency: str) -> int:
    """Minor units of a decimal total, exact to the currency's scale, positive and bounded."""
    try:
        minor = to_minor(total, currency)
    except InvalidAmount as exc:
        raise InvalidContractTerms(str(exc), field="total") from exc
    if minor <= 0:
        raise InvalidContractTerms("A contract total must be greater than zero.", field="total")
    if minor > MAX_TOTAL_MINOR:
        raise InvalidContractTerms(f"{total} {currency} is beyond any contract.", field="total")
    return minor


def _payment_terms(days: int) -> int:
    if not 0 <= days <= MAX_PAYMENT_TERMS_DAYS:
        raise InvalidContractTerms(
            f"Payment terms must be 0 to {MAX_PAYMENT_TERMS_DAYS} days, not {days}.",
            field="payment_terms_days",
        )
    return days


def _text(value: str | None, name: str, *, required: bool = False) -> str | None:
    cleaned = value.strip() if value is not None else None
    if required and not cleaned:
        raise InvalidContractTerms(f"{name} may not be blank.", field=name)
    return cleaned or None


def contract_terms(
    *,
    project: str,
    signed_on: date | None,
    currency: str,
    total: str,
    payment_terms_days: int,
    payment_cycle: str | None,
    notes: str | None,
) -> ContractTerms:
    currency = _currency(currency)
    return ContractTerms(
        project=_text(project, "project", required=True) or "",
        signed_on=signed_on,
        currency=currency,
        total_minor=parse_total(total, currency),
        payment_terms_days=_payment_terms(payment_terms_days),
        payment_cycle=_text(payment_cycle, "payment_cycle"),
        notes=_text(notes, "notes"),
    )


def amended_terms(current: ContractTerms, changes: Mapping[str, Any]) -> ContractTerms:
    """The terms after `changes` (field name -> new value; None clears an optional term).

    A new currency needs a new total: the same number in another currency is another price.
    """
    unknown = sorted(set(changes) - set(AMENDABLE))
    if unknown:
        raise InvalidContractTerms(f"{unknown[0]} cannot be amended.", field=unknown[0])
    for name in sorted(REQUIRED & set(changes)):
        if changes[name] is None:
            raise InvalidContractTerms(f"{name} cannot be removed, only changed.", field=name)
    currency = _currency(changes.get("currency", current.currency))
    if currency != current.currency and "total" not in changes:
        raise InvalidContractTerms(
            f"Give the total in {currency} when changing the currency.", field="total"
        )
    total_minor = current.total_minor
    if "total" in changes:
        total_minor = parse_total(changes["total"], currency)
    terms = replace(current, currency=currency, total_minor=total_minor)
    if "project" in changes:
        terms = replace(terms, project=_text(changes["project"], "project", required=True) or "")
    if "signed_on" in changes:
        terms = replace(terms, signed_on=changes["signed_on"])
    if "payment_terms_days" in changes:
        terms = replace(terms, payment_terms_days=_payment_terms(changes["payment_terms_days"]))
    if "payment_cycle" in changes:
        terms = replace(terms, payment_cycle=_text(changes["payment_cycle"], "payment_cycle"))
    if "notes" in changes:
        terms = replace(terms, notes=_text(changes["notes"], "notes"))
    return terms


def changed_fields(before: ContractTerms, after: ContractTerms) -> tuple[str, ...]:
    """Names of the terms that differ, as clients name them (`total`, not minor units)."""
    changed = []
    for f in fields(ContractTerms):
        if getattr(before, f.name) != getattr(after, f.name):
            changed.append("total" if f.name == "total_minor" else f.name)
    if not changed:
        raise NothingToAmend("The amendment changes no term of the contract.")
    return tuple(changed)
