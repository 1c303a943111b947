"""Tax registration numbers, validated per country with python-stdnum and kept compact."""

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from stdnum.exceptions import ValidationError
from stdnum.util import get_cc_module

from ledgerflow_platform.errors import DomainError

# The most specific number first: China's unified social credit code before a generic VAT.
TAX_ID_KINDS = ("uscc", "vat", "tin")
_SEPARATORS = re.compile(r"[\s\-./]")
_GENERIC = re.compile(r"[A-Z0-9]{4,30}")


class InvalidTaxId(DomainError):
    """The tax id is not a valid number for the customer's country."""


class TaxIdNeedsCountry(DomainError):
    """A tax id means something only with the country that issued it."""


@dataclass(frozen=True)
class TaxId:
    """A customer's tax registration: the issuing country and the number in compact form."""

    country: str
    number: str


# Looking a country's modules up imports them, and misses are not cached by Python: a bulk
# import of thousands of tax ids would pay for the missing ones every time.
@cache
def _validators(country: str) -> tuple[Any, ...]:
    found = (get_cc_module(country.lower(), kind) for kind in TAX_ID_KINDS)
    # Some kinds are aliases of one another (China's VAT number is its USCC).
    return tuple(dict.fromkeys(module for module in found if module is not None))


def _generic(raw: str) -> str:
    return _SEPARATORS.sub("", raw).upper()


def tax_id(country: str | None, raw: str) -> TaxId:
    if country is None:
        raise TaxIdNeedsCountry("Give the country that issued the tax id.", field="country")
    validators = _validators(country)
    if not validators:
        # No checksum is known for this country: accept a plausible registration number.
        number = _generic(raw)
        if _GENERIC.fullmatch(number):
            return TaxId(country, number)
        raise InvalidTaxId(
            f"{raw!r} is not a tax id: use 4 to 30 letters and digits.", field="tax_id"
        )
    for validator in validators:
        try:
            return TaxId(country, str(validator.validate(raw)).upper())
        except ValidationError:
            continue
    kinds = ", ".join(v.__name__.rsplit(".", 1)[-1] for v in validators)
    raise InvalidTaxId(f"{raw!r} is not a valid {country} tax id ({kinds}).", field="tax_id")


def lookup_forms(query: str) -> set[str]:
    """Compact forms a searched text could be stored under (with or without a country prefix)."""
    forms = {_generic(query)}
    prefix = query.strip()[:2].upper()
    if prefix.isalpha():
        for validator in _validators(prefix):
            try:
                forms.add(str(validator.compact(query)).upper())
            except ValidationError:
                continue
    return {form for form in forms if form}
