"""Bounded input types every service shares: a value outside them is refused with a 422 problem
naming the field, before it can overflow a date sum or a database column.

Business dates run from 1900 to 2200: wide enough for any real contract or statement, and far
enough from the calendar's ends (year 1, year 9999) that adding terms or grace days to one
cannot overflow.
"""

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field

FIRST_YEAR, LAST_YEAR = 1900, 2200
EARLIEST, LATEST = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:\d{2})"
)


def _written_as(pattern: re.Pattern[str], example: str) -> Callable[[Any], Any]:
    """Only the ISO text: pydantic would also read 0 or "0" as 1970-01-01 (a Unix time)."""

    def check(value: Any) -> Any:
        if isinstance(value, date):
            return value
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise ValueError(f"write it as {example}")
        return value

    return check


def within_years(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"dates are from year {FIRST_YEAR} to {LAST_YEAR}")
    return value


def _time_within_years(value: datetime) -> datetime:
    within_years(value.date())
    return value


BusinessDate = Annotated[
    date,
    BeforeValidator(_written_as(ISO_DATE, "YYYY-MM-DD")),
    AfterValidator(within_years),
    Field(
        json_schema_extra={
            "formatMinimum": EARLIEST.isoformat(),
            "formatMaximum": LATEST.isoformat(),
        }
    ),
]
"""A date a business event happened or is due on, from 1900-01-01 to 2200-12-31."""

BusinessTime = Annotated[
    AwareDatetime,
    BeforeValidator(_written_as(ISO_TIME, "RFC 3339, e.g. 2026-12-01T09:00:00Z")),
    AfterValidator(_time_within_years),
]
"""An instant with its UTC offset, in the same years as BusinessDate."""
