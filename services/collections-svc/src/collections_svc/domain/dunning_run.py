"""A dated dunning run, and why one may be refused."""

from dataclasses import dataclass
from datetime import date, datetime

from ledgerflow_platform.errors import DomainError


@dataclass(frozen=True)
class DunningRun:
    id: str
    as_of: date
    notices_created: int
    created_at: datetime


class RunBeforeLatest(DomainError):
    """Dunning moves forward in time: a run cannot be dated before the latest one."""

    def __init__(self, as_of: date, latest: date) -> None:
        super().__init__(
            f"A dunning run is dated {latest}; a run dated {as_of} would go back in time.",
            field="as_of",
        )


class RunAfterBusinessDate(DomainError):
    def __init__(self, as_of: date, business_date: date) -> None:
        super().__init__(
            f"The business date is {business_date}; a run cannot be dated {as_of}.",
            field="as_of",
        )
