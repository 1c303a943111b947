"""Invoicing routes: issue, void and read invoices, and mark what is overdue; bulk invoice
imports have a module of their own (imports.py). Each parses, calls its use case, commits and
responds."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.deps import Resources
from ledger_svc.api.invoicing import imports
from ledger_svc.api.invoicing.render import invoice_out
from ledger_svc.api.invoicing.schemas import (
    InvoiceOut,
    InvoicePage,
    IssueInvoice,
    OverdueRunOut,
    StartOverdueRun,
    VoidInvoice,
    line_request,
    payment_terms,
)
from ledger_svc.domain.invoicing.invoice import InvoiceNotFound, InvoiceStatus
from ledger_svc.use_cases.invoicing.issue_invoice import issue_invoice
from ledger_svc.use_cases.invoicing.mark_overdue_invoices import mark_overdue_invoices
from ledger_svc.use_cases.invoicing.void_invoice import void_invoice
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

invoices = APIRouter(prefix="/v1/invoices", tags=["invoices"])
overdue_runs = APIRouter(prefix="/v1/overdue-runs", tags=["overdue"])

CanInvoice = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


@invoices.post("", status_code=201, response_model=InvoiceOut, summary="Issue an invoice")
async def issue(
    body: IssueInvoice,
    session: DbSession,
    idempotency: Idempotent,
    resources: Resources,
    dates: Dates,
    _: CanInvoice,
) -> Response | InvoiceOut:
    dates.posting(body.issue_date, field="issue_date")
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    invoice = await issue_invoice(
        uow,
        customer_id=body.customer_id,
        issue_date=body.issue_date,
        due_date=body.due_date,
        currency=body.currency,
        lines=[line_request(x) for x in body.lines],
        series=body.series,
        terms=payment_terms(body.terms),
        calendar=resources.calendar,
        order_reference=body.order_reference,
        contract_id=body.contract_id,
        customers=resources.customers,
    )
    response = invoice_out(invoice)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@invoices.post(
    "/{invoice_id}:void",
    response_model=InvoiceOut,
    summary="Void an invoice nothing was applied to (posts the reversal of its entry)",
)
async def void(
    invoice_id: str,
    body: VoidInvoice,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    _: CanInvoice,
) -> Response | InvoiceOut:
    dates.posting(body.voided_on, field="voided_on")
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    voided = await void_invoice(
        uow, invoice_id=invoice_id, voided_on=body.voided_on, reason=body.reason
    )
    response = invoice_out(voided)
    await idempotency.remember(200, response)
    await uow.commit()
    return response


@invoices.get("/{invoice_id}", response_model=InvoiceOut, summary="One invoice")
async def get_invoice(invoice_id: str, session: DbSession, _: CanRead) -> InvoiceOut:
    invoice = await LedgerUnitOfWork(session).invoices.get(invoice_id)
    if invoice is None:
        raise InvoiceNotFound(invoice_id)
    return invoice_out(invoice)


@invoices.get("", response_model=InvoicePage, summary="Invoices, oldest first, filtered")
async def list_invoices(
    session: DbSession,
    _: CanRead,
    customer_id: Annotated[str | None, Query(description="Only this customer's")] = None,
    status: Annotated[InvoiceStatus | None, Query(description="Only in this status")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> InvoicePage:
    found = await LedgerUnitOfWork(session).invoices.page(
        customer_id=customer_id, status=status, after=decode_cursor(cursor), limit=limit
    )
    return InvoicePage(
        items=[invoice_out(i) for i in found],
        next_cursor=next_cursor([i.id for i in found], limit),
    )


@overdue_runs.post(
    "",
    status_code=200,
    response_model=OverdueRunOut,
    summary="Mark invoices overdue as of a business date (repeatable: each is marked once)",
)
async def run_overdue(
    body: StartOverdueRun, session: DbSession, idempotency: Idempotent, dates: Dates, _: CanInvoice
) -> Response | OverdueRunOut:
    dates.run(body.as_of, field="as_of")
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    marked = await mark_overdue_invoices(uow, as_of=body.as_of)
    response = OverdueRunOut(as_of=body.as_of, invoices_marked_overdue=len(marked))
    await idempotency.remember(200, response)
    await uow.commit()
    return response


router = APIRouter()
for part in (invoices, overdue_runs, imports.router):
    router.include_router(part)
