"""Scheduled statements of account: a run mails every customer with an open balance its
statement for the period, as the ledger prints it. A period runs once: asking for it again
answers 200 with the first run (its statements are not sent twice)."""

from typing import Annotated

from fastapi import APIRouter, Path, Response
from fastapi.responses import JSONResponse
from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import CanMailStatements, CanReadCollections, Resources
from collections_svc.api.statements.schemas import (
    StartStatementRun,
    StatementOut,
    StatementRunDetail,
    StatementRunOut,
)
from collections_svc.domain.statement_run import StatementRun
from collections_svc.use_cases.mail_statements import start_statement_run, statement_run
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1/statement-runs", tags=["statement runs"])


def run_out(run: StatementRun) -> StatementRunOut:
    return StatementRunOut(
        id=run.id,
        date_from=run.date_from,
        date_to=run.date_to,
        statements_queued=run.statements_queued,
    )


@router.post(
    "",
    status_code=201,
    response_model=StatementRunOut,
    response_model_by_alias=True,
    summary="Mail every customer with an open balance its statement for the period (201); "
    "the same period again answers 200 with the first run",
    responses={200: {"model": StatementRunOut, "description": "The period's first run"}},
)
async def post_statement_run(
    body: StartStatementRun,
    session: DbSession,
    resources: Resources,
    idempotency: Idempotent,
    now: Now,
    dates: Dates,
    _: CanMailStatements,
) -> Response | StatementRunOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    dates.run(body.date_to, field="to")
    uow = CollectionsUnitOfWork(session)
    run, created = await start_statement_run(
        uow,
        date_from=body.date_from,
        date_to=body.date_to,
        run_id=str(uuid7()),
        now=now,
        new_id=lambda: str(uuid7()),
        mail_domain=resources.mail_domain,
    )
    response = run_out(run)
    status = 201 if created else 200
    await idempotency.remember(status, response)
    await uow.commit()
    if not created:
        return JSONResponse(response.model_dump(mode="json"), status_code=200)
    return response


@router.get(
    "/{run_id}",
    response_model=StatementRunDetail,
    response_model_by_alias=True,
    summary="A statement run and where each customer's statement stands",
)
async def get_statement_run(
    run_id: Annotated[str, Path(min_length=1, max_length=64)],
    session: DbSession,
    _: CanReadCollections,
) -> StatementRunDetail:
    run, mails = await statement_run(CollectionsUnitOfWork(session), run_id)
    return StatementRunDetail(
        id=run.id,
        date_from=run.date_from,
        date_to=run.date_to,
        statements_queued=run.statements_queued,
        statements=[
            StatementOut(
                customer_id=m.customer_id,
                status=m.status.value,
                message_id=m.message_id,
                recipients_masked=list(m.recipients_masked),
                error=m.error,
                sent_at=m.sent_at,
            )
            for m in mails
        ],
    )
