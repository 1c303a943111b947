"""Months counted back from an as-of date, exactly as the report conventions define them.

"One month before" keeps the day number, clamped to the month's length, except that the last
day of a month goes to the last day of the previous month; "k months before" is one step from
as_of, not k single steps. Month 1 is (as_of - 1 month, as_of], month 2 the one before it.
Pure rules, no I/O.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def months_before(as_of: date, k: int) -> date:
    index = as_of.year * 12 + as_of.month - 1 - k
    year, month = divmod(index, 12)
    month += 1
    last = _last_day(year, month)
    if as_of.day == _last_day(as_of.year, as_of.month):
        return date(year, month, last)
    return date(year, month, min(as_of.day, last))


@dataclass(frozen=True)
class Month:
    """Month `number` counted back: the days after `after` up to and including `through`."""

    number: int
    after: date
    through: date

    @property
    def days(self) -> int:
        return (self.through - self.after).days

    @property
    def first_day(self) -> date:
        return self.after + timedelta(days=1)


def months_back(as_of: date, count: int) -> list[Month]:
    return [
        Month(k, months_before(as_of, k), months_before(as_of, k - 1)) for k in range(1, count + 1)
    ]


def whole_months(first: date, last: date, most: int) -> int | None:
    """How many months counted back from `last` make exactly [first, last]; None if none do."""
    for k in range(1, most + 1):
        if months_before(last, k) == first - timedelta(days=1):
            return k
    return None
