"""Countries (ISO 3166 alpha-2) and the addresses we bill and ship to."""

from collections.abc import Sequence
from dataclasses import dataclass

import pycountry

from ledgerflow_platform.errors import DomainError


class UnknownCountry(DomainError):
    """The country is not an ISO 3166 alpha-2 code."""


@dataclass(frozen=True)
class Address:
    """Where a customer is billed or delivered to."""

    lines: tuple[str, ...]
    city: str
    postal_code: str | None
    country: str


def country_code(raw: str, *, field: str = "country") -> str:
    code = raw.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise UnknownCountry(f"{raw!r} is not an ISO 3166 alpha-2 country code.", field=field)
    return code


def address(
    lines: Sequence[str], city: str, postal_code: str | None, country: str, *, field: str
) -> Address:
    return Address(
        lines=tuple(line.strip() for line in lines),
        city=city.strip(),
        postal_code=postal_code.strip() if postal_code else None,
        country=country_code(country, field=f"{field}.country"),
    )
