"""Operator endpoints: replay the outbox, list and re-drive dead letters."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from ledgerflow_events.dead_letters import mark_redriven, pending_dead_letters
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.openapi import problems
from ledgerflow_platform.web.problems import Problem, ProblemType

router = APIRouter(prefix="/v1/admin", tags=["admin"])
Admin = Annotated[Principal, Depends(require_roles(Role.ADMIN))]
# A consumer rebuilding its projections asks producers to replay with its own credentials.
Replayer = Annotated[Principal, Depends(require_roles(Role.ADMIN, Role.SERVICE))]
NO_OUTBOX = ProblemType(404, "no-outbox", "This service publishes no events")
UNKNOWN_DEAD_LETTER = ProblemType(404, "unknown-dead-letter", "No such dead letter")
STILL_FAILING = ProblemType(409, "redrive-failed", "The event still fails")


# Outbox positions are Postgres bigints.
MAX_POSITION = 2**63 - 1


class ReplayRequest(BaseModel):
    # strict: a position is a JSON integer; `true` is not position 1
    model_config = ConfigDict(strict=True)

    from_position: int | None = Field(default=None, ge=1, le=MAX_POSITION)
    to_position: int | None = Field(default=None, ge=1, le=MAX_POSITION)


class ReplayAccepted(BaseModel):
    replayed: int = Field(description="Outbox rows queued to be published again, in order")


class DeadLetterOut(BaseModel):
    id: int
    topic: str
    partition: int
    offset: int
    event_id: str | None
    event_type: str | None
    error: str
    failed_at: Any


class DeadLetterPage(BaseModel):
    items: list[DeadLetterOut]


@router.post(
    "/outbox:replay", status_code=202, response_model=ReplayAccepted, responses=problems(404)
)
async def replay_outbox(
    body: ReplayRequest, request: Request, session: DbSession, _: Replayer
) -> ReplayAccepted:
    outbox = request.app.state.spec.outbox
    if outbox is None:
        raise Problem(NO_OUTBOX, "This service has no outbox to replay.")
    replayed = await outbox.request_replay(session, body.from_position, body.to_position)
    await session.commit()
    return ReplayAccepted(replayed=replayed)


@router.get("/dead-letters", response_model=DeadLetterPage)
async def list_dead_letters(request: Request, session: DbSession, _: Admin) -> DeadLetterPage:
    rows = await pending_dead_letters(session, request.app.state.spec.messaging)
    return DeadLetterPage(items=[DeadLetterOut.model_validate(r) for r in rows])


@router.post("/dead-letters/{dead_letter_id}:redrive", response_model=DeadLetterOut)
async def redrive_dead_letter(
    dead_letter_id: int, request: Request, session: DbSession, _: Admin
) -> DeadLetterOut:
    tables = request.app.state.spec.messaging
    rows = {r["id"]: r for r in await pending_dead_letters(session, tables)}
    if dead_letter_id not in rows:
        raise Problem(UNKNOWN_DEAD_LETTER, f"No pending dead letter {dead_letter_id}.")
    try:
        await request.app.state.processor.redrive(rows[dead_letter_id])
    except Exception as exc:
        raise Problem(STILL_FAILING, f"{type(exc).__name__}: {exc}") from exc
    await mark_redriven(session, tables, dead_letter_id)
    await session.commit()
    return DeadLetterOut.model_validate(rows[dead_letter_id])
