"""Credit note routes: against an invoice or on account; parse, use case, commit, respond."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import JSONResponse

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.adjustments.render import credit_note_out
from ledger_svc.api.adjustments.schemas import (
    CreditInvoice,
    CreditNoteOut,
    CreditNotePage,
    CreditOnAccount,
)
from ledger_svc.api.controls.schemas import ApprovalOut, approval_out
from ledger_svc.api.deps import Resources
from ledger_svc.domain.adjustments.credit_note import CreditNote, CreditNoteNotFound
from ledger_svc.domain.controls.approvals import ApprovalAction
from ledger_svc.use_cases.adjustments.issue_credit_note import (
    credit_customer_on_account,
    credit_invoice,
)
from ledger_svc.use_cases.controls.approvals import (
    credit_note_needs_approval,
    hold_for_approval,
)
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1", tags=["credit notes"])


@dataclass(frozen=True)
class HoldAbove:
    """Credit notes above `threshold` (major units; None: none) wait for a second person."""

    threshold: int | None
    now: datetime


def hold_above(resources: Resources, now: Now) -> HoldAbove:
    return HoldAbove(resources.duties.credit_note_threshold, now)


CreditNoteHeld = Annotated[HoldAbove, Depends(hold_above)]

CanCredit = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


@router.post(
    "/invoices/{invoice_id}/credit-notes",
    status_code=201,
    response_model=CreditNoteOut,
    summary="Credit an invoice, in part or (no amount) in whole; never more than is open "
    "(paid: to the customer's credit); above the threshold, held for another user's approval",
    responses={202: {"model": ApprovalOut, "description": "Held for a second user's approval"}},
)
async def credit_an_invoice(
    invoice_id: str,
    body: CreditInvoice,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    held: CreditNoteHeld,
    principal: CanCredit,
) -> Response | CreditNoteOut:
    dates.posting(body.issue_date, field="issue_date")
    return await _issue_credit_note(
        session, idempotency, principal, body, credit_invoice, held, invoice_id=invoice_id
    )


@router.post(
    "/customers/{customer_id}/credit-notes",
    status_code=201,
    response_model=CreditNoteOut,
    summary="Credit a customer on account: the amount becomes their credit; above the "
    "threshold, held for another user's approval",
    responses={202: {"model": ApprovalOut, "description": "Held for a second user's approval"}},
)
async def credit_on_account(
    customer_id: str,
    body: CreditOnAccount,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    held: CreditNoteHeld,
    principal: CanCredit,
) -> Response | CreditNoteOut:
    dates.posting(body.issue_date, field="issue_date")
    return await _issue_credit_note(
        session,
        idempotency,
        principal,
        body,
        credit_customer_on_account,
        held,
        customer_id=customer_id,
    )


async def _issue_credit_note(
    session: DbSession,
    idempotency: Idempotent,
    principal: Principal,
    body: CreditInvoice | CreditOnAccount,
    issue: Callable[..., Awaitable[CreditNote]],
    held: HoldAbove,
    **credited: str,
) -> Response | CreditNoteOut:
    """Both kinds of credit note: replay a retried request, else hold it for approval (above
    the threshold) or issue it; remember, commit."""
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    if await credit_note_needs_approval(uow, held.threshold, amount=body.amount, **credited):
        request = await hold_for_approval(
            uow,
            action=ApprovalAction.CREDIT_NOTE,
            target=next(iter(credited.values())),
            payload={
                **body.model_dump(mode="json"),
                "on_account": isinstance(body, CreditOnAccount),
            },
            dated=body.issue_date,
            dated_field="issue_date",
            requested_by=principal.subject,
            requested_at=held.now,
        )
        pending = approval_out(request)
        await idempotency.remember(202, pending)
        await uow.commit()
        return JSONResponse(pending.model_dump(mode="json"), status_code=202)
    note = await issue(
        uow,
        **credited,
        amount=body.amount,
        currency=body.currency,
        issue_date=body.issue_date,
        reason=body.reason,
        issued_by=principal.subject,
    )
    response = credit_note_out(note)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.get("/credit-notes/{credit_note_id}", response_model=CreditNoteOut, summary="A credit note")
async def get_credit_note(credit_note_id: str, session: DbSession, _: CanRead) -> CreditNoteOut:
    note = await LedgerUnitOfWork(session).credit_notes.get(credit_note_id)
    if note is None:
        raise CreditNoteNotFound(credit_note_id)
    return credit_note_out(note)


@router.get("/credit-notes", response_model=CreditNotePage, summary="Credit notes, filtered")
async def list_credit_notes(
    session: DbSession,
    _: CanRead,
    customer_id: Annotated[str | None, Query(description="Only this customer's")] = None,
    invoice_id: Annotated[str | None, Query(description="Only against this invoice")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CreditNotePage:
    notes = await LedgerUnitOfWork(session).credit_notes.page(
        customer_id=customer_id, invoice_id=invoice_id, after=decode_cursor(cursor), limit=limit
    )
    return CreditNotePage(
        items=[credit_note_out(n) for n in notes],
        next_cursor=next_cursor([n.id for n in notes], limit),
    )
