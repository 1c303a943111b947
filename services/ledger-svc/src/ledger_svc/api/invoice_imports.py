"""Bulk invoice imports: upload a CSV file (multipart `file` field, or a text/csv body), get
every invoice issued or a report of every error and nothing written.

No Idempotency-Key is needed: the same file is refused the second time (409), naming the import
that took it, which GET /v1/invoice-imports/{id} shows.
"""

from collections.abc import AsyncGenerator, AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.business_calendar import Calendar
from ledger_svc.api.errors_statements import STATEMENT_ERRORS
from ledger_svc.api.invoice_import_schemas import (
    REQUEST_BODY,
    ImportedInvoiceOut,
    ImportedInvoicePage,
    InvoiceImportOut,
    import_out,
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
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor
from ledgerflow_platform.web.problems import PROBLEM_BASE, PROBLEM_JSON, Problem, ProblemType

router = APIRouter(prefix="/v1/invoice-imports", tags=["invoice imports"])

CanImport = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]

MAX_FILE_BYTES = 50 * 2**20
# Room for the multipart framing around the file.
MAX_BODY_BYTES = MAX_FILE_BYTES + 2**16
BAD_UPLOAD = ProblemType(400, "malformed-upload", "The upload could not be read")
UNSUPPORTED = ProblemType(415, "unsupported-media-type", "Send multipart/form-data or text/csv")


async def _within_limit(chunks: AsyncIterator[bytes]) -> AsyncGenerator[bytes, None]:
    received = 0
    async for chunk in chunks:
        received += len(chunk)
        if received > MAX_BODY_BYTES:
            raise InvoiceFileTooLarge(MAX_FILE_BYTES)
        yield chunk


async def read_upload(request: Request) -> tuple[bytes, str | None]:
    """The uploaded file and its name, refused once past the size limit, before reading on."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise InvoiceFileTooLarge(MAX_FILE_BYTES)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = _within_limit(request.stream())
    if media_type == "text/csv":
        data, filename = b"".join([chunk async for chunk in body]), None
    elif media_type == "multipart/form-data":
        try:
            form = await MultiPartParser(request.headers, body, max_files=1, max_fields=8).parse()
        except MultiPartException as exc:
            raise Problem(BAD_UPLOAD, exc.message) from exc
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Problem(
                BAD_UPLOAD, "Send the CSV as the form field `file`.", errors=[_file_error()]
            )
        data, filename = await upload.read(), upload.filename
        await form.close()
    else:
        raise Problem(UNSUPPORTED, f"Cannot import {media_type or 'a body without a type'}.")
    if len(data) > MAX_FILE_BYTES:
        raise InvoiceFileTooLarge(MAX_FILE_BYTES)
    return data, filename


def _file_error() -> dict[str, str]:
    return {"field": "file", "message": "A CSV file is required."}


def rejection(request: Request, exc: InvoiceImportRejected) -> JSONResponse:
    """The problem with every error listed by row and column, and how many there are in all."""
    kind = STATEMENT_ERRORS[InvoiceImportRejected]
    errors: list[dict[str, Any]] = [
        {
            "row": e.row,
            "column": e.column,
            "field": f"rows.{e.row}.{e.column}" if e.row and e.column else "file",
            "message": e.message,
        }
        for e in exc.errors
    ]
    body = {
        "type": PROBLEM_BASE + kind.slug,
        "title": kind.title,
        "status": kind.status,
        "detail": exc.message,
        "instance": request.url.path,
        "error_count": exc.error_count,
        "errors": errors,
    }
    return JSONResponse(body, status_code=kind.status, media_type=PROBLEM_JSON)


@router.post(
    "",
    status_code=201,
    response_model=InvoiceImportOut,
    summary="Import a CSV of invoices: every row is checked, then all are issued or none",
    openapi_extra={"requestBody": REQUEST_BODY},
)
async def import_file(
    request: Request, session: DbSession, calendar: Calendar, now: Now, principal: CanImport
) -> InvoiceImportOut | JSONResponse:
    data, filename = await read_upload(request)
    uow = LedgerUnitOfWork(session)
    try:
        summary = await import_invoices(
            uow,
            data=data,
            filename=filename,
            imported_by=principal.subject,
            imported_at=now,
            calendar=calendar,
        )
    except InvoiceImportRejected as exc:
        return rejection(request, exc)
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
    imports = LedgerUnitOfWork(session).invoice_imports
    if await imports.get(import_id) is None:
        raise InvoiceImportNotFound(import_id)
    items = await imports.items(import_id, after=decode_cursor(cursor), limit=limit)
    return ImportedInvoicePage(
        items=[ImportedInvoiceOut(invoice_ref=r, invoice_id=i, number=n) for r, i, n in items],
        next_cursor=next_cursor([ref for ref, _, _ in items], limit),
    )
