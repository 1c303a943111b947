"""Opening balances: a team moving off its spreadsheet brings in what each customer owed at
the cut-over, as one file, all or nothing. Parse, call the use case, commit, respond."""

import asyncio
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from ledger_svc.adapters.opening_balances.sheet import read_table
from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.deps import Resources
from ledger_svc.api.opening_balances.errors import OPENING_BALANCE_ERRORS, rejected_with_report
from ledger_svc.api.opening_balances.schemas import OpeningBalancesOut, OpeningBalancesUpload
from ledger_svc.domain.invoicing.invoice_import import ErrorReport
from ledger_svc.domain.opening_balances.plan import OpeningBalancesRejected
from ledger_svc.domain.opening_balances.rows import read_rows
from ledger_svc.use_cases.opening_balances.import_opening_balances import (
    import_opening_balances,
)
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.problems import FORBIDDEN, Problem
from ledgerflow_platform.web.uploads import file_required, form_body, form_fields, read_upload

router = APIRouter(prefix="/v1/opening-balances", tags=["opening balances"])

CanImport = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]
CutoverDate = Annotated[
    date,
    Query(
        ge=date(1900, 1, 1),
        le=date(2200, 12, 31),
        description="The business date the balances are brought in on (YYYY-MM-DD)",
    ),
]

MAX_FILE_BYTES = 20 * 2**20


@router.post(
    "",
    status_code=201,
    response_model=OpeningBalancesOut,
    summary="Bring in customers' balances at a cut-over: an opening invoice and payment per row",
    description="Every row is checked first; one error and nothing is posted, every error "
    "listed by row and column (422 opening-balances-rejected). A customer (and contract) "
    "takes its opening balance once. customer-svc hands over a finance table's balances with "
    "`customers`, the customers it files only once the ledger has taken them (403 for any "
    "other role).",
    openapi_extra=form_body(OpeningBalancesUpload),
)
async def import_balances(
    request: Request,
    cutover_date: CutoverDate,
    session: DbSession,
    resources: Resources,
    dates: Dates,
    principal: CanImport,
) -> OpeningBalancesOut:
    dates.posting(cutover_date, field="cutover_date")
    upload = await read_upload(
        request,
        max_bytes=MAX_FILE_BYTES,
        unsupported=lambda _: file_required(),
        missing_file=file_required,
    )
    form = form_fields(OpeningBalancesUpload, upload)
    announced = form.announced()
    if announced is not None and Role.SERVICE not in principal.roles:
        message = "Only customer-svc (role service) announces the customers it is filing."
        raise Problem(FORBIDDEN, message, errors=[{"field": "customers", "message": message}])
    report = ErrorReport()
    # Reading a workbook is CPU-bound: off the event loop, so other requests are still served.
    table = await asyncio.to_thread(read_table, report, form.file, upload.filename)
    rows = read_rows(report, table)
    uow = LedgerUnitOfWork(session)
    try:
        taken = await import_opening_balances(
            uow,
            rows=rows,
            report=report,
            cutover_date=cutover_date,
            # Announced customers are not on file in customer-svc until this answer comes.
            customers=announced or resources.customers,
        )
    except OpeningBalancesRejected as rejected:
        raise rejected_with_report(
            rejected, OPENING_BALANCE_ERRORS[OpeningBalancesRejected]
        ) from rejected
    await uow.commit()
    return OpeningBalancesOut(
        rows=taken.rows,
        invoices_created=taken.invoices_created,
        payments_created=taken.payments_created,
    )
