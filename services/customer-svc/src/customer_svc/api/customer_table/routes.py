"""The finance customer table: import it all or nothing, export it by role."""

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.customer_table.balances import balances_handover, hand_over_balances
from customer_svc.api.customer_table.errors import CUSTOMER_TABLE_ERRORS
from customer_svc.api.customer_table.schemas import (
    EXPORT_CONTENT,
    UPLOAD_BODY,
    ImportedTableOut,
    TableErrorReport,
)
from customer_svc.api.customer_table.upload import idempotent_upload, read_table
from customer_svc.api.customers.schemas import CurrencyCode, Status
from customer_svc.api.deps import CurrentReader, Resources, Vault
from customer_svc.domain.customer_table.plan import table_defaults
from customer_svc.domain.customer_table.table import CustomerTableRejected
from customer_svc.use_cases.customer_table.export_customer_table import (
    TableFormat,
    export_customer_table,
)
from customer_svc.use_cases.customer_table.import_customer_table import import_customer_table
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, idempotency_key
from ledgerflow_platform.web.problems import Problem

router = APIRouter(tags=["customer table"])

CanImport = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN))]
CanExport = Annotated[
    Principal,
    Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.CREDIT_MANAGER, Role.COLLECTOR)),
]
MAX_LISTED_ERRORS = 1000
COLUMNS_NOTE = (
    "Columns (header row; English or Chinese headers): customer, customer_code?, country?, "
    "tax_id?, currency?, payment_terms_days?, contact, phone, email, project, contract_number?, "
    "contract_date, contract_total, contract_currency?, contract_payment_terms_days?, paid?, "
    "unpaid?, payment_cycle, notes. One row is one contract line of a customer."
)


def _rejected(exc: CustomerTableRejected) -> Problem:
    """The refusal with its report: the first wrong cells, and how many there were in all."""
    report = {
        "errors": [asdict(e) for e in exc.errors[:MAX_LISTED_ERRORS]],
        "error_count": len(exc.errors),
    }
    return Problem(CUSTOMER_TABLE_ERRORS[CustomerTableRejected], exc.message, members=report)


@router.post(
    "/v1/customer-imports",
    status_code=201,
    response_model=ImportedTableOut,
    response_model_exclude_none=True,
    summary="Import a finance customer table (CSV or XLSX), all rows or none",
    description=(
        "Every row is checked first; one wrong cell refuses the whole table with a report of "
        "every wrong cell. Rows of one customer (same customer_code, else same name) file one "
        "customer with its distinct contacts and its contracts; a contract with a contract_date "
        "is filed active, without one as a draft. Paid and unpaid must add up to the contract "
        "total; with ?with_balances=true&cutover_date= they are handed to the ledger as opening "
        "balances (POST /v1/opening-balances) with the customers being filed, and the table "
        "is filed only if the ledger takes them: its refusal (422 opening-balances-refused, "
        "the table's rows named) files nothing anywhere. Cells a spreadsheet "
        "would run as formulas are refused. " + COLUMNS_NOTE
    ),
    openapi_extra={"requestBody": UPLOAD_BODY},
    # Read by idempotent_upload; declared here so the document names the header.
    dependencies=[Depends(idempotency_key)],
    responses={
        409: {"description": "A customer or contract of the table was filed meanwhile"},
        413: {"description": "The file is over 50 MB"},
        415: {"description": "Not multipart, or not a .csv or .xlsx file"},
        503: {"description": "The ledger did not answer about the balances: nothing was filed"},
        422: {
            "model": TableErrorReport,
            "description": "Wrong cells, an unreadable file, or balances the ledger refused "
            "(opening-balances-refused, nothing filed, its report inside)",
        },
    },
)
async def import_table(
    request: Request,
    session: DbSession,
    vault: Vault,
    resources: Resources,
    principal: CanImport,
    now: Now,
    currency: Annotated[
        CurrencyCode | None, Query(description="For customers with no currency cell")
    ] = None,
    payment_terms_days: Annotated[
        int | None, Query(ge=0, le=365, description="For customers with no payment terms cell")
    ] = None,
    with_balances: Annotated[
        bool,
        Query(
            description="Hand each signed contract's paid and unpaid amounts to the ledger as "
            "opening balances at cutover_date; the table is filed only if the ledger takes them"
        ),
    ] = False,
    cutover_date: Annotated[
        date | None,
        Query(
            ge=date(1900, 1, 1),
            le=date(2200, 12, 31),
            description="The cut-over date of the balances; required with with_balances",
        ),
    ] = None,
) -> Response | ImportedTableOut:
    defaults = table_defaults(currency, payment_terms_days)
    handover = balances_handover(with_balances, cutover_date, resources.ledger)
    upload = await read_table(request)
    idempotency = idempotent_upload(request, session, principal, upload)
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    try:
        imported = await import_customer_table(
            uow,
            vault,
            content=upload.content,
            filename=upload.filename or "",
            defaults=defaults,
            now=now,
            by=principal.subject,
        )
    except CustomerTableRejected as exc:
        raise _rejected(exc) from exc
    response = ImportedTableOut(
        customers_created=imported.customers_created,
        contacts_created=imported.contacts_created,
        contracts_created=imported.contracts_created,
    )
    if handover is not None:
        # Before the commit, so that a refusal files nothing: the ledger takes the customers
        # being filed from the hand-off itself (it cannot ask customer-svc about them yet).
        taken = await hand_over_balances(handover, imported)
        response = response.model_copy(update={"opening_balances": taken})
    await idempotency.remember(201, response, exclude_none=True)
    await uow.commit()
    return response


@router.get(
    "/v1/customer-exports",
    response_class=Response,
    summary="Export the finance customer table as CSV or XLSX",
    description=(
        "The import's columns without paid and unpaid (reporting adds those). Personal values "
        "are clear for roles that may see them, and each clear read is in the access log. Text "
        "cells starting with = + - @ are prefixed with an apostrophe so no spreadsheet runs "
        "them; amounts and dates of an .xlsx are numbers and dates."
    ),
    responses={200: {"content": EXPORT_CONTENT, "description": "The table file"}},
)
async def export_table(
    session: DbSession,
    vault: Vault,
    reader: CurrentReader,
    _: CanExport,
    now: Now,
    table_format: Annotated[TableFormat, Query(alias="format")] = TableFormat.CSV,
    status: Status | None = None,
    segment: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    uow = CustomerUnitOfWork(session)
    table = await export_customer_table(
        uow,
        vault,
        reader,
        table_format=table_format,
        status=status,
        segment=segment,
        now=now,
    )
    await uow.commit()
    disposition = f'attachment; filename="{table.filename}"'
    return Response(
        table.content, media_type=table.media_type, headers={"Content-Disposition": disposition}
    )
