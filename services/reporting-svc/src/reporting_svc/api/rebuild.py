"""Rebuilding reporting's projections: empty them and the inbox, ask every producer to replay
its outbox (with reporting's own service credentials), then follow the events coming back."""

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path
from uuid6 import uuid7

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.service_client import UpstreamRefused, UpstreamUnavailable
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.problems import Problem, ProblemType
from ledgerflow_platform.web.resources import resources_of
from reporting_svc.background import PRODUCERS, ReportingResources
from reporting_svc.projections.rebuild.records import (
    empty_projections,
    progress,
    record_rebuild,
    record_replayed,
)

router = APIRouter(prefix="/v1/admin", tags=["admin"])
Admin = Annotated[Principal, Depends(require_roles(Role.ADMIN))]
Resources = Annotated[ReportingResources, Depends(resources_of(ReportingResources))]
UNKNOWN_REBUILD = ProblemType(404, "unknown-rebuild", "No such projection rebuild")
# Caught up: events came back, and none for this long.
QUIET = timedelta(seconds=10)


async def _ask_to_replay(resources: ReportingResources) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for name in PRODUCERS:
        client = resources.producers.get(name)
        if client is None:
            answers[name] = "not configured"
            continue
        try:
            response = await client.post("/v1/admin/outbox:replay", json={})
            answers[name] = int(response.json()["replayed"])
        except (UpstreamRefused, UpstreamUnavailable) as exc:
            answers[name] = f"not replayed: {exc}"
    return answers


@router.post("/projections:rebuild", status_code=202, summary="Rebuild every projection")
async def rebuild_projections(
    session: DbSession, resources: Resources, _: Admin, now: Now
) -> dict[str, Any]:
    rebuild_id = str(uuid7())
    await empty_projections(session)
    await record_rebuild(session, rebuild_id, now, {})
    await session.commit()
    # Asked only once the tables are empty, so nothing replayed meets the inbox's old ids.
    replayed = await _ask_to_replay(resources)
    await record_replayed(session, rebuild_id, replayed)
    await session.commit()
    return {"rebuild_id": rebuild_id, "started_at": now.isoformat(), "replayed": replayed}


@router.get("/projections:rebuild/{rebuild_id}", summary="A rebuild's progress")
async def get_rebuild(
    rebuild_id: Annotated[str, Path(max_length=64)], session: DbSession, _: Admin, now: Now
) -> dict[str, Any]:
    found = await progress(session, rebuild_id)
    if found is None:
        raise Problem(UNKNOWN_REBUILD, f"No rebuild {rebuild_id}.")
    last = found.last_applied_at
    return {
        "rebuild_id": found.rebuild_id,
        "started_at": found.started_at.isoformat(),
        "replayed": found.replayed,
        "events_applied": found.applied,
        "last_applied_at": None if last is None else last.isoformat(),
        "caught_up": last is not None and now - last >= QUIET,
    }
