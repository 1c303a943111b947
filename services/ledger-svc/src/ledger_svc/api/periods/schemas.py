"""Accounting periods as the API shows them, and the reason a reopening needs."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ledger_svc.domain.periods.accounting_period import PeriodStatus

# A calendar month of the years 1900 to 2200.
PeriodName = Annotated[str, StringConstraints(pattern=r"^(19\d\d|2[01]\d\d|2200)-(0[1-9]|1[0-2])$")]


class ReopenPeriod(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=500, description="Why the month is reopened")


class PeriodOut(BaseModel):
    period: str = Field(description="The calendar month, YYYY-MM")
    status: PeriodStatus
    closed_at: datetime | None
    closed_by: str | None
    reopened_at: datetime | None
    reopened_by: str | None
    reopen_reason: str | None


class PeriodList(BaseModel):
    items: list[PeriodOut]
