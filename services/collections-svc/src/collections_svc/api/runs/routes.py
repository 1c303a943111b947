"""Dated dunning runs: each open invoice climbs at most one level; a date runs once."""

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import CanRunDunning, Resources
from collections_svc.api.runs.schemas import RunOut, StartRun
from collections_svc.use_cases.run_dunning import run_dunning
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/dunning-runs", tags=["dunning runs"])


@router.post(
    "",
    status_code=201,
    response_model=RunOut,
    summary="Run dunning as of a date (201); the same date again answers 200 with that run",
    responses={200: {"model": RunOut, "description": "The run already made for that date"}},
)
async def post_run(
    body: StartRun,
    session: DbSession,
    resources: Resources,
    now: Now,
    dates: Dates,
    _: CanRunDunning,
) -> Response | RunOut:
    dates.run(body.as_of, field="as_of")
    uow = CollectionsUnitOfWork(session)
    run, created = await run_dunning(
        uow,
        as_of=body.as_of,
        business_date=resources.business_date(now),
        run_id=str(uuid7()),
        now=now,
        new_id=lambda: str(uuid7()),
        mail_domain=resources.mail_domain,
    )
    await uow.commit()
    response = RunOut(id=run.id, as_of=run.as_of, notices_created=run.notices_created)
    if not created:
        return JSONResponse(response.model_dump(mode="json"), status_code=200)
    return response
