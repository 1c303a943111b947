"""Hold an action for a second person's approval, and carry it out once approved.

A held action is checked against the closed periods when asked for (a request that could never
post is refused at once) and again when carried out, as any posting is.
"""

from datetime import date, datetime
from typing import Any

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.amounts import parse_amount
from ledger_svc.domain.controls.approvals import (
    ApprovalAction,
    ApprovalNotFound,
    ApprovalRequest,
)
from ledger_svc.domain.payments.payment import ReversalReason
from ledger_svc.use_cases.adjustments.issue_credit_note import (
    credit_customer_on_account,
    credit_invoice,
)
from ledger_svc.use_cases.payments.reverse_payment import reverse_payment
from ledgerflow_events import money


async def hold_for_approval(
    uow: LedgerUnitOfWork,
    *,
    action: ApprovalAction,
    target: str,
    payload: dict[str, Any],
    dated: date,
    dated_field: str,
    requested_by: str,
    requested_at: datetime,
) -> ApprovalRequest:
    (await uow.periods.closed()).ensure_open(dated, field=dated_field)
    request = ApprovalRequest(str(uuid7()), action, target, payload, requested_by, requested_at)
    await uow.approvals.add(request)
    return request


async def decide_approval(
    uow: LedgerUnitOfWork, *, approval_id: str, approve: bool, by: str, at: datetime
) -> ApprovalRequest:
    request = await uow.approvals.get(approval_id, for_update=True)
    if request is None:
        raise ApprovalNotFound(approval_id)
    if not approve:
        decided = request.reject(by=by, at=at)
    else:
        request.ensure_decidable_by(by)
        decided = request.approve(by=by, at=at, result_id=await _carry_out(uow, request))
    await uow.approvals.decide(decided)
    return decided


async def _carry_out(uow: LedgerUnitOfWork, request: ApprovalRequest) -> str:
    """The action as it was requested, in the approver's transaction; the id of its result."""
    asked = request.payload
    if request.action is ApprovalAction.PAYMENT_REVERSAL:
        plan = await reverse_payment(
            uow,
            payment_id=request.target,
            reversed_on=date.fromisoformat(asked["reversed_on"]),
            reason=ReversalReason(asked["reason"]),
            note=asked.get("note"),
        )
        return plan.payment.id
    common = {
        "amount": asked.get("amount"),
        "currency": asked.get("currency"),
        "issue_date": date.fromisoformat(asked["issue_date"]),
        "reason": asked["reason"],
        "issued_by": request.requested_by,
    }
    if asked.get("on_account"):
        note = await credit_customer_on_account(uow, customer_id=request.target, **common)
    else:
        note = await credit_invoice(uow, invoice_id=request.target, **common)
    return note.id


async def credit_note_needs_approval(
    uow: LedgerUnitOfWork,
    threshold: int | None,
    *,
    amount: str | None,
    invoice_id: str | None = None,
    customer_id: str | None = None,
) -> bool:
    """Whether the credit note asked for is above the threshold (major units of its currency).
    What cannot be judged (no such invoice or customer) is left for issuing to refuse."""
    if threshold is None:
        return False
    if invoice_id is not None:
        invoice = await uow.invoices.get(invoice_id)
        if invoice is None:
            return False
        currency = invoice.currency
        whole = invoice.open_amount or (
            invoice.total - await uow.credit_notes.credited_on_invoice(invoice_id)
        )
    else:
        account = await uow.accounts.get(customer_id or "")
        if account is None:
            return False
        currency, whole = account.currency, 0
    gross = parse_amount(amount, currency, field="amount") if amount is not None else whole
    return gross > money.to_minor(str(threshold), currency)
