"""Invoice routes: parse, call the use case, commit, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.schemas import InvoiceOut, InvoicePage, IssueInvoice, LineOut
from ledger_svc.domain.amounts import format_amount, format_quantity
from ledger_svc.domain.invoice import Invoice, InvoiceNotFound, InvoiceStatus, LineRequest
from ledger_svc.use_cases.issue_invoice import issue_invoice
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1/invoices", tags=["invoices"])

CanIssue = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


def invoice_out(invoice: Invoice) -> InvoiceOut:
    def money(minor: int) -> str:
        return format_amount(minor, invoice.currency)

    return InvoiceOut(
        id=invoice.id,
        number=invoice.number,
        customer_id=invoice.customer_id,
        currency=invoice.currency,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        total=money(invoice.total),
        open_amount=money(invoice.open_amount),
        status=invoice.status,
        overdue=invoice.overdue,
        lines=[
            LineOut(
                description=line.description,
                quantity=format_quantity(line.quantity),
                unit_price=money(line.unit_price),
                amount=money(line.amount),
            )
            for line in invoice.lines
        ],
    )


@router.post("", status_code=201, response_model=InvoiceOut, summary="Issue an invoice")
async def issue(
    body: IssueInvoice, session: DbSession, idempotency: Idempotent, _: CanIssue
) -> Response | InvoiceOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    invoice = await issue_invoice(
        uow,
        customer_id=body.customer_id,
        issue_date=body.issue_date,
        due_date=body.due_date,
        currency=body.currency,
        lines=[LineRequest(x.description, x.quantity, x.unit_price) for x in body.lines],
    )
    response = invoice_out(invoice)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.get("/{invoice_id}", response_model=InvoiceOut, summary="One invoice")
async def get_invoice(invoice_id: str, session: DbSession, _: CanRead) -> InvoiceOut:
    invoice = await LedgerUnitOfWork(session).invoices.get(invoice_id)
    if invoice is None:
        raise InvoiceNotFound(invoice_id)
    return invoice_out(invoice)


@router.get("", response_model=InvoicePage, summary="Invoices, oldest first, filtered")
async def list_invoices(
    session: DbSession,
    _: CanRead,
    customer_id: Annotated[str | None, Query(description="Only this customer's")] = None,
    status: Annotated[InvoiceStatus | None, Query(description="Only in this status")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> InvoicePage:
    invoices = await LedgerUnitOfWork(session).invoices.page(
        customer_id=customer_id, status=status, after=decode_cursor(cursor), limit=limit
    )
    return InvoicePage(
        items=[invoice_out(i) for i in invoices],
        next_cursor=next_cursor([i.id for i in invoices], limit),
    )
