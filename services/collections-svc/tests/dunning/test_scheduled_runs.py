"""COLLECTIONS_RUN_SCHEDULE: once a day, from the set UTC time, a run dated the business date
(2026-12-31 here), made once however often the worker looks."""

from datetime import UTC, date, datetime

import httpx
import pytest
from pydantic import ValidationError

from collections_svc.domain.run_schedule import RunSchedule
from collections_svc.resources import CollectionsResources
from collections_svc.scheduled_runs import run_if_due
from collections_svc.settings import Settings
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .ledger import Collections, Ledger
from .sending import Sender

D = date


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 12, 31, hour, minute, tzinfo=UTC)


async def test_the_worker_runs_dunning_once_a_day_from_the_scheduled_time(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    settings: Settings,
    sender: Sender,
) -> None:
    ledger = Ledger(delivery)
    await ledger.issue("INV-S", "70.00", due=D(2026, 12, 1))
    engine = create_engine(settings, pool_size=1)
    resources = CollectionsResources(
        sessions=session_factory(engine),
        pinned_business_date=settings.business_date,
        mail_domain=settings.mail_domain,
        sending=sender.resources.sending,
        run_schedule=RunSchedule.parse("06:30"),
    )
    try:
        early = await run_if_due(resources, lambda: at(6, 29))
        on_time = await run_if_due(resources, lambda: at(6, 30))
        later = await run_if_due(resources, lambda: at(23, 59))
    finally:
        await engine.dispose()
    asked = await Collections(client, auth_keys).run(D(2026, 12, 31))

    assert (early, on_time, later) == (False, True, False)
    assert asked.status_code == 200
    assert (asked.json()["as_of"], asked.json()["notices_created"]) == ("2026-12-31", 1)


def test_without_a_schedule_nothing_is_due_and_a_bad_one_is_refused() -> None:
    schedule = RunSchedule.parse("06:30")

    assert schedule.due(at(6, 30), D(2026, 12, 31), D(2026, 12, 30)) == D(2026, 12, 31)
    assert schedule.due(at(6, 30), D(2026, 12, 31), D(2026, 12, 31)) is None
    assert schedule.due(at(6, 29), D(2026, 12, 31), None) is None
    for bad in ("24:00", "6:30", "06:60", "noon"):
        with pytest.raises(ValidationError, match="run_schedule"):
            Settings(run_schedule=bad)
