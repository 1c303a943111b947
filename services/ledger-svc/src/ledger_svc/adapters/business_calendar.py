"""Business calendars from the `holidays` package: weekends and public holidays of a country,
optionally of one of its subdivisions ("DE", "DE-BY", "CN"). China's make-up working days on
weekends count as business days."""

from functools import cache

import holidays

from ledger_svc.domain.calendar import CALENDAR_DAYS, BusinessCalendar


class UnknownBusinessCalendar(ValueError):
    """The calendar names no country (or subdivision) the holidays package knows."""


def check_calendar_name(name: str) -> str:
    country, _, subdivision = name.partition("-")
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise UnknownBusinessCalendar(f"{name!r}: no public holidays known for {country!r}")
    if subdivision and subdivision not in supported[country]:
        raise UnknownBusinessCalendar(f"{name!r}: {country} has no subdivision {subdivision!r}")
    return name


@cache
def business_calendar(name: str | None) -> BusinessCalendar:
    """The calendar called `name`, or plain calendar days for None."""
    if name is None:
        return CALENDAR_DAYS
    country, _, subdivision = check_calendar_name(name).partition("-")
    closed = holidays.country_holidays(country, subdiv=subdivision or None)
    return BusinessCalendar(name, closed.is_working_day)
