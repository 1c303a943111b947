"""Pause a customer's dunning until a date, or end a pause early; both are kept on record."""

from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.pause import DunningPause, PauseNotFound, new_pause


async def pause_dunning(
    uow: CollectionsUnitOfWork,
    *,
    pause_id: str,
    customer_id: str,
    starts_on: date,
    until: date,
    reason: str,
) -> DunningPause:
    pause = new_pause(pause_id, customer_id, starts_on=starts_on, until=until, reason=reason)
    await uow.pauses.add(pause)
    return pause


async def end_pause(
    uow: CollectionsUnitOfWork, *, customer_id: str, pause_id: str, on: date
) -> DunningPause:
    pause = await uow.pauses.get(pause_id, customer_id)
    if pause is None:
        raise PauseNotFound(pause_id)
    ended = pause.end(on)
    await uow.pauses.end(ended)
    return ended
