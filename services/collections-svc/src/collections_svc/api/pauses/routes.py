"""Dunning pauses: a customer's invoices are held at their levels while one is in force."""

from typing import Annotated

from fastapi import APIRouter, Path
from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import CanHoldDunning, Resources
from collections_svc.api.pauses.schemas import PauseOut, StartPause
from collections_svc.domain.pause import DunningPause
from collections_svc.use_cases.pause_dunning import end_pause, pause_dunning
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/customers/{customer_id}/dunning-pauses", tags=["dunning pauses"])
Id = Annotated[str, Path(min_length=1, max_length=64)]


def _out(pause: DunningPause) -> PauseOut:
    return PauseOut(
        id=pause.id,
        customer_id=pause.customer_id,
        starts_on=pause.starts_on,
        until=pause.until,
        reason=pause.reason,
        ended_on=pause.ended_on,
    )


@router.post("", status_code=201, response_model=PauseOut, summary="Pause a customer's dunning")
async def post_pause(
    customer_id: Id,
    body: StartPause,
    session: DbSession,
    resources: Resources,
    now: Now,
    _: CanHoldDunning,
) -> PauseOut:
    uow = CollectionsUnitOfWork(session)
    pause = await pause_dunning(
        uow,
        pause_id=str(uuid7()),
        customer_id=customer_id,
        starts_on=resources.business_date(now),
        until=body.until,
        reason=body.reason,
    )
    await uow.commit()
    return _out(pause)


@router.post("/{pause_id}:end", response_model=PauseOut, summary="End a pause today")
async def post_end_pause(
    customer_id: Id,
    pause_id: Id,
    session: DbSession,
    resources: Resources,
    now: Now,
    _: CanHoldDunning,
) -> PauseOut:
    uow = CollectionsUnitOfWork(session)
    pause = await end_pause(
        uow, customer_id=customer_id, pause_id=pause_id, on=resources.business_date(now)
    )
    await uow.commit()
    return _out(pause)
