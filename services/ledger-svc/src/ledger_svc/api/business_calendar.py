"""The business calendar due dates roll by, as configured for this process."""

from typing import Annotated

from fastapi import Depends, Request

from ledger_svc.adapters.business_calendar import business_calendar
from ledger_svc.domain.calendar import BusinessCalendar
from ledger_svc.settings import BusinessCalendarSettings


async def configured_calendar(request: Request) -> BusinessCalendar:
    """From the app's settings if the platform put them on the app, else from the LEDGER_
    environment; decided once per app."""
    state = request.app.state
    calendar: BusinessCalendar | None = getattr(state, "ledger_business_calendar", None)
    if calendar is None:
        settings = getattr(state, "settings", None)
        if not isinstance(settings, BusinessCalendarSettings):
            settings = BusinessCalendarSettings()
        calendar = business_calendar(settings.business_calendar)
        state.ledger_business_calendar = calendar
    return calendar


Calendar = Annotated[BusinessCalendar, Depends(configured_calendar)]
