"""Business days: a due date that falls on a weekend or public holiday moves to the next one."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

# No real calendar closes for this long; a longer run means the calendar is broken.
_LONGEST_CLOSURE = timedelta(days=31)


@dataclass(frozen=True)
class BusinessCalendar:
    """Which dates the business is open; without a rule every calendar day is one."""

    name: str | None = None
    is_open: Callable[[date], bool] | None = None

    def roll_forward(self, day: date) -> date:
        """`day` itself if open, else the next business day after it."""
        if self.is_open is None:
            return day
        rolled = day
        while not self.is_open(rolled):
            rolled += timedelta(days=1)
            if rolled - day > _LONGEST_CLOSURE:
                raise ValueError(f"calendar {self.name} has no business day after {day}")
        return rolled


CALENDAR_DAYS = BusinessCalendar()
