"""The worker's dunning schedule (COLLECTIONS_RUN_SCHEDULE): once a day, at or after the set
UTC time, a run dated the business date, exactly as POST /v1/dunning-runs would make it.
Several workers may try at once: the run's advisory lock and its one-run-per-date rule let
only one make it."""

import asyncio
import logging
from datetime import UTC, datetime

from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.notice_sender import Clock, utc_now
from collections_svc.resources import CollectionsResources
from collections_svc.use_cases.run_dunning import run_dunning

CHECK_EVERY_S = 30.0
log = logging.getLogger(__name__)


async def run_if_due(resources: CollectionsResources, clock: Clock = utc_now) -> bool:
    """Makes the scheduled run if its time has come; True when it made one."""
    schedule = resources.run_schedule
    if schedule is None:
        return False
    now = clock()
    business_date = resources.business_date(now)
    async with resources.sessions() as session:
        uow = CollectionsUnitOfWork(session)
        latest = await uow.runs.latest()
        as_of = schedule.due(now, business_date, latest.as_of if latest else None)
        if as_of is None:
            return False
        run, created = await run_dunning(
            uow,
            as_of=as_of,
            business_date=business_date,
            run_id=str(uuid7()),
            now=now,
            new_id=lambda: str(uuid7()),
            mail_domain=resources.mail_domain,
        )
        await uow.commit()
    if created:
        log.info(
            "scheduled dunning run %s as of %s: %d notices", run.id, as_of, run.notices_created
        )
    return created


async def scheduled_runs(resources: CollectionsResources) -> None:
    """Runs beside the worker's consumers for its whole life; idle when no schedule is set."""
    if resources.run_schedule is None:
        return
    while True:
        try:
            await run_if_due(resources, lambda: datetime.now(UTC))
        except Exception:
            log.exception("scheduled dunning run failed; trying again shortly")
        await asyncio.sleep(CHECK_EVERY_S)
