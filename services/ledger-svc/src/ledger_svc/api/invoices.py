"""Invoice routes: parse, call the use case, commit, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.business_calendar import Calendar
from ledger_svc.api.invoice_schemas import IssueInvoice, LineIn, TermsIn, VoidInvoice
from ledger_svc.api.invoice_views import InvoiceOut, InvoicePage, invoice_out
from ledger_svc.domain.invoicing.invoice import InvoiceNotFound, InvoiceStatus
from ledger_svc.domain.invoicing.pricing import DiscountRequest, LineRequest
from ledger_svc.domain.invoicing.terms import EarlyPaymentDiscount, InstalmentRule, PaymentTerms
from ledger_svc.use_cases.invoicing.issue_invoice import issue_invoice
from ledger_svc.use_cases.invoicing.void_invoice import void_invoice
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1/invoices", tags=["invoices"])

CanIssue = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


def line_request(line: LineIn) -> LineRequest:
    discount = line.discount
    return LineRequest(
        line.description,
        line.quantity,
        line.unit_price,
        DiscountRequest(discount.percent, discount.amount) if discount else None,
        line.tax_rate,
    )


def payment_terms(terms: TermsIn | None) -> PaymentTerms | None:
    if terms is None:
        return None
    early = terms.early_payment_discount
    return PaymentTerms(
        terms.kind,
        terms.days,
        tuple(InstalmentRule(i.percent, i.days) for i in terms.instalments or ()),
        EarlyPaymentDiscount(early.percent, early.days) if early else None,
    )


@router.post("", status_code=201, response_model=InvoiceOut, summary="Issue an invoice")
async def issue(
    body: IssueInvoice,
    session: DbSession,
    idempotency: Idempotent,
    calendar: Calendar,
    _: CanIssue,
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
        lines=[line_request(x) for x in body.lines],
        series=body.series,
        terms=payment_terms(body.terms),
        calendar=calendar,
    )
    response = invoice_out(invoice)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.post(
    "/{invoice_id}:void",
    response_model=InvoiceOut,
    summary="Void an invoice nothing was applied to (posts the reversal of its entry)",
)
async def void(
    invoice_id: str, body: VoidInvoice, session: DbSession, idempotency: Idempotent, _: CanIssue
) -> Response | InvoiceOut:
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
