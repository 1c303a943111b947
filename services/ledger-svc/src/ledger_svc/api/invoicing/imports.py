"""Bulk invoice imports: upload a CSV file (multipart `file` field, or a text/csv body), get
every invoice issued or a report of every error and nothing written.

No Idempotency-Key is needed: the same file is refused the second time (409), naming the import
that took it, which GET /v1/invoice-imports/{id} shows.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.deps import Resources
from ledger_svc.api.invoicing.errors import import_rejected
from ledger_svc.api.invoicing.render import import_out
from ledger_svc.api.invoicing.schemas import (
    ImportedInvoiceOut,
    ImportedInvoicePage,
    InvoiceImportOut,
)
from ledger_svc.domain.invoicing.invoice_import import (
    InvoiceFileTooLarge,
    InvoiceImportNotFound,
    InvoiceImportRejected,
)
from ledger_svc.use_cases.invoicing.import_invoices import import_invoices
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor
from ledgerflow_platform.web.problems import Problem, ProblemType
from ledgerflow_platform.web.uploads import MALFORMED_UPLOAD, read_upload

router = APIRouter(prefix="/v1/invoice-imports", tags=["invoice imports"])

CanImport = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]

MAX_FILE_BYTES = 50 * 2**20
UNSUPPORTED = ProblemType(415, "unsupported-media-type", "Send multipart/form-data or text/csv")

EXAMPLE_FILE = (
    "invoice_ref,customer_id,issue_date,due_date,description,quantity,unit_price,tax_rate\r\n"
    "A-1001,0195f3a2-7c1e-7d44-9a4b-2f1c8e6d5a01,2026-03-01,2026-03-31,Consulting,12.5,80.00,19\r\n"
    "A-1001,0195f3a2-7c1e-7d44-9a4b-2f1c8e6d5a01,2026-03-01,2026-03-31,Travel,1,145.30,\r\n"
)

REQUEST_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "UTF-8 CSV with a header row, at most 50 MiB",
                    }
                },
            }
        },
        "text/csv": {"schema": {"type": "string"}, "example": EXAMPLE_FILE},
    },
}


@router.post(
    "",
    status_code=201,
    response_model=InvoiceImportOut,
    summary="Import a CSV of invoices: every row is checked, then all are issued or none",
    openapi_extra={"requestBody": REQUEST_BODY},
    responses={415: {"description": "Not multipart/form-data or text/csv"}},
)
async def import_file(
    request: Request,
    session: DbSession,
    resources: Resources,
    now: Now,
    dates: Dates,
    principal: CanImport,
) -> InvoiceImportOut:
    upload = await read_upload(
        request,
        max_bytes=MAX_FILE_BYTES,
        raw_types=("text/csv",),
        too_large=InvoiceFileTooLarge,
        unsupported=lambda media_type: Problem(
            UNSUPPORTED, f"Cannot import {media_type or 'a body without a type'}."
        ),
        missing_file=lambda: Problem(
            MALFORMED_UPLOAD,
            "Send the CSV as the form field `file`.",
            errors=[{"field": "file", "message": "A CSV file is required."}],
        ),
    )
    uow = LedgerUnitOfWork(session)
    try:
        summary = await import_invoices(
            uow,
            data=upload.content,
            filename=upload.filename,
            imported_by=principal.subject,
            imported_at=now,
            posting_refusal=dates.posting_refusal,
            calendar=resources.calendar,
        )
    except InvoiceImportRejected as rejected:
        raise import_rejected(rejected) from rejected
    await uow.commit()
    return import_out(summary)


@router.get("/{import_id}", response_model=InvoiceImportOut, summary="One invoice import")
async def get_import(import_id: str, session: DbSession, _: CanRead) -> InvoiceImportOut:
    summary = await LedgerUnitOfWork(session).invoice_imports.get(import_id)
    if summary is None:
        raise InvoiceImportNotFound(import_id)
    return import_out(summary)


@router.get(
    "/{import_id}/invoices",
    response_model=ImportedInvoicePage,
    summary="The invoice each reference of an import became, by reference",
)
async def list_imported_invoices(
    import_id: str, session: DbSession, _: CanRead, limit: Limit = 100, cursor: Cursor = None
) -> ImportedInvoicePage:
    found = LedgerUnitOfWork(session).invoice_imports
    if await found.get(import_id) is None:
        raise InvoiceImportNotFound(import_id)
    items = await found.items(import_id, after=decode_cursor(cursor), limit=limit)
    return ImportedInvoicePage(
        items=[ImportedInvoiceOut(invoice_ref=r, invoice_id=i, number=n) for r, i, n in items],
        next_cursor=next_cursor([ref for ref, _, _ in items], limit),
    )
