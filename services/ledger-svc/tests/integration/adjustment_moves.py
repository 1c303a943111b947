"""The moves of the adjustment property test, each one entry point's transaction through
the use cases, and the book-keeping that predicts what the customer owes."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ledger_svc.domain.invoicing.pricing import LineRequest
from ledger_svc.use_cases.adjustments.approve_write_off import approve_write_off
from ledger_svc.use_cases.adjustments.cancel_refund import cancel_refund
from ledger_svc.use_cases.adjustments.charge_late_fees import charge_late_fees
from ledger_svc.use_cases.adjustments.issue_credit_note import credit_invoice
from ledger_svc.use_cases.adjustments.pay_refund import pay_refund
from ledger_svc.use_cases.adjustments.request_write_off import request_invoice_write_off
from ledger_svc.use_cases.invoicing.issue_invoice import issue_invoice
from ledger_svc.use_cases.invoicing.void_invoice import void_invoice
from ledger_svc.use_cases.payments.record_payment import record_payment

from .moves import Sessions, attempt, cents, credit_on_account, pick, refund_by_bank_transfer

LOWEST_AMOUNTS = """
SELECT (SELECT coalesce(min(open_amount), 0) FROM invoices),
       (SELECT coalesce(min(unapplied_amount), 0) FROM payments),
       (SELECT coalesce(min(unapplied_amount), 0) FROM credit_notes),
       (SELECT coalesce(min(least(debit, credit)), 0) FROM journal_lines),
       (SELECT coalesce(min(amount), 0) FROM refund_draws)
"""
D = date(2026, 3, 1)


@dataclass
class Books:
    """What the test did that the ledger accepted, to predict what the customer owes."""

    customer_id: str
    invoices: list[str] = field(default_factory=list)
    refunds: list[str] = field(default_factory=list)
    owed: int = 0


async def apply(sessions: Sessions, books: Books, step: tuple[Any, ...]) -> None:
    kind, n, amount = step
    customer = books.customer_id
    target = pick(books.invoices, n)
    if kind == "issue":
        line = LineRequest("Goods", Decimal(1), cents(amount), tax_rate=Decimal(n % 3 * 10))
        issued = await attempt(
            sessions,
            lambda uow: issue_invoice(
                uow, customer_id=customer, issue_date=D, due_date=None, currency=None, lines=[line]
            ),
        )
        assert issued is not None
        books.invoices.append(issued.id)
        books.owed += issued.total
    elif kind == "pay":
        paid = await attempt(
            sessions,
            lambda uow: record_payment(
                uow,
                customer_id=customer,
                amount=cents(amount),
                currency="EUR",
                received_on=date(2026, 3, 10),
                reference=None,
                tax_adjusting=False,
            ),
        )
        assert paid is not None
        books.owed -= amount
    elif kind == "void" and target:
        voided = await attempt(
            sessions,
            lambda uow: void_invoice(uow, invoice_id=target, voided_on=D, reason="Cancelled"),
        )
        books.owed -= voided.total if voided else 0
    elif kind == "credit" and target:
        note = await attempt(
            sessions,
            lambda uow: credit_invoice(
                uow,
                invoice_id=target,
                amount=cents(amount) if n % 2 else None,
                currency=None,
                issue_date=date(2026, 4, 1),
                reason="Returned",
                issued_by="alice",
            ),
        )
        books.owed -= note.amount if note else 0
    elif kind == "credit_on_account":
        books.owed -= await credit_on_account(sessions, customer, amount, date(2026, 4, 1))
    elif kind == "refund":
        if refund := await refund_by_bank_transfer(sessions, customer, amount):
            books.refunds.append(refund[0])
            books.owed += refund[1]
    elif kind == "settle_refund" and (refund_id := pick(books.refunds, n)):
        if n % 2:
            await attempt(
                sessions,
                lambda uow: pay_refund(
                    uow, refund_id=refund_id, paid_on=date(2026, 4, 3), paid_by="cashier-2"
                ),
            )
        else:
            cancelled = await attempt(
                sessions,
                lambda uow: cancel_refund(
                    uow, refund_id=refund_id, cancelled_on=date(2026, 4, 3), reason="Kept"
                ),
            )
            books.owed -= cancelled.amount if cancelled else 0
    elif kind == "write_off" and target:
        requested = await attempt(
            sessions,
            lambda uow: request_invoice_write_off(
                uow,
                invoice_id=target,
                reason="Insolvent",
                requested_on=date(2026, 4, 4),
                requested_by="alice",
            ),
        )
        if requested:
            own = await attempt(
                sessions,
                lambda uow: approve_write_off(
                    uow, write_off_id=requested.id, approver="alice", approved_on=date(2026, 4, 5)
                ),
            )
            assert own is None, "the requester approved their own write-off"
            approved = await attempt(
                sessions,
                lambda uow: approve_write_off(
                    uow, write_off_id=requested.id, approver="bob", approved_on=date(2026, 4, 5)
                ),
            )
            books.owed -= approved.amount if approved else 0
    elif kind == "late_fees":
        fees = await attempt(
            sessions, lambda uow: charge_late_fees(uow, as_of=date(2026, 4 + n % 3, 1))
        )
        assert fees is not None
        for fee in (f for f in fees if f.customer_id == customer):
            books.invoices.append(fee.fee_invoice.id)
            books.owed += fee.amount
