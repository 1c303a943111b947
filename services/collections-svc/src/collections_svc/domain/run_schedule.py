"""When dunning runs by itself (COLLECTIONS_RUN_SCHEDULE): once a day, dated the business
date, at or after a UTC time of day. Unset, nothing runs unless someone asks."""

from dataclasses import dataclass
from datetime import date, datetime, time


@dataclass(frozen=True)
class RunSchedule:
    at: time  # UTC

    @classmethod
    def parse(cls, text: str) -> "RunSchedule":
        """ "HH:MM" in UTC, e.g. "06:30"."""
        hours, _, minutes = text.partition(":")
        return cls(time(int(hours), int(minutes)))

    def due(self, now: datetime, business_date: date, ran_on: date | None) -> date | None:
        """The date to run for now, if any: the business date, once its time has come and no
        run for it (or later) exists."""
        if now.time() < self.at:
            return None
        if ran_on is not None and ran_on >= business_date:
            return None
        return business_date
