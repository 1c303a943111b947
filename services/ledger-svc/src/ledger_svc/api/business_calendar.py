"""The business calendar due dates roll by, as configured for this process."""

from typing import Annotated

from fastapi import Depends, Request

from ledger_svc.adapters.business_calendar import business_calendar
from ledger_svc.api.configured import configured
from ledger_svc.domain.calendar import BusinessCalendar
from ledger_svc.settings import BusinessCalendarSettings


async def configured_calendar(request: Request) -> BusinessCalendar:
    return configured(
        request,
        "ledger_business_calendar",
        BusinessCalendarSettings,
        lambda settings: business_calendar(settings.business_calendar),
    )


Calendar = Annotated[BusinessCalendar, Depends(configured_calendar)]
