"""The statement of account route: JSON, CSV or PDF, chosen by `?format=` or else the Accept
header."""

import asyncio
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.deps import Resources
from ledger_svc.api.statements.document import statement_pdf
from ledger_svc.api.statements.render import statement_csv, statement_out
from ledger_svc.api.statements.schemas import StatementOfAccountFormat, StatementOfAccountOut
from ledger_svc.use_cases.statements.prepare_statement import prepare_statement
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.bounds import BusinessDate
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.problems import Problem, ProblemType

router = APIRouter(prefix="/v1/customers", tags=["statements"])

CanRead = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.ACCOUNTANT,
            Role.CREDIT_MANAGER,
            Role.COLLECTOR,
            Role.AUDITOR,
            Role.ADMIN,
            Role.SERVICE,
        )
    ),
]
NOT_ACCEPTABLE = ProblemType(406, "not-acceptable", "No representation the client accepts")

MEDIA_TYPES = {
    StatementOfAccountFormat.JSON: "application/json",
    StatementOfAccountFormat.CSV: "text/csv; charset=utf-8",
    StatementOfAccountFormat.PDF: "application/pdf",
}
_ACCEPTED = {
    "application/json": StatementOfAccountFormat.JSON,
    "application/*": StatementOfAccountFormat.JSON,
    "*/*": StatementOfAccountFormat.JSON,
    "text/csv": StatementOfAccountFormat.CSV,
    "text/*": StatementOfAccountFormat.CSV,
    "application/pdf": StatementOfAccountFormat.PDF,
}


def negotiate(accept: str | None) -> StatementOfAccountFormat | None:
    """The format the Accept header prefers most (highest q, then first listed); None if it
    accepts none of them."""
    if not accept or not accept.strip():
        return StatementOfAccountFormat.JSON
    offers: list[tuple[Decimal, int, StatementOfAccountFormat]] = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = Decimal(1)
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = Decimal(value.strip())
                except InvalidOperation:
                    quality = Decimal(0)
        if quality > 0 and (found := _ACCEPTED.get(media.lower())) is not None:
            offers.append((-quality, position, found))
    return min(offers)[2] if offers else None


@router.get(
    "/{customer_id}/statement",
    response_model=StatementOfAccountOut,
    summary="A customer's statement of account for a period (JSON, CSV or PDF)",
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            }
        },
        406: {"description": "Accept names none of JSON, CSV or PDF"},
    },
)
async def get_statement(
    customer_id: str,
    request: Request,
    session: DbSession,
    resources: Resources,
    _: CanRead,
    date_from: Annotated[BusinessDate, Query(alias="from", description="First business date")],
    date_to: Annotated[
        BusinessDate, Query(alias="to", description="Last business date; aging date")
    ],
    fmt: Annotated[
        StatementOfAccountFormat | None,
        Query(alias="format", description="Overrides the Accept header"),
    ] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    chosen = fmt or negotiate(accept)
    if chosen is None:
        raise Problem(
            NOT_ACCEPTABLE,
            "A statement is served as application/json, text/csv or application/pdf.",
        )
    statement = await prepare_statement(
        LedgerUnitOfWork(session), customer_id=customer_id, date_from=date_from, date_to=date_to
    )
    if chosen is StatementOfAccountFormat.JSON:
        body = statement_out(statement).model_dump_json(by_alias=True)
        return Response(body, media_type=MEDIA_TYPES[chosen])
    name = re.sub(r"[^A-Za-z0-9_-]", "_", f"statement-{customer_id}-{date_from}-{date_to}")
    headers = {"Content-Disposition": f'attachment; filename="{name}.{chosen.value}"'}
    # Rendering a long statement is CPU work: off the event loop.
    document: str | bytes
    if chosen is StatementOfAccountFormat.CSV:
        document = await asyncio.to_thread(statement_csv, statement)
    else:
        files = resources.customer_files
        # Read as the caller, so customer-svc masks and audits the read as for them.
        party = (
            await files.party_of(customer_id, reader_token=_bearer_token(request))
            if files is not None
            else None
        )
        document = await asyncio.to_thread(
            statement_pdf, statement, party, resources.letterhead, resources.document_font_file
        )
    return Response(document, media_type=MEDIA_TYPES[chosen], headers=headers)


def _bearer_token(request: Request) -> str:
    """The caller's token, already verified by the role check."""
    return request.headers["authorization"].partition(" ")[2].strip()
