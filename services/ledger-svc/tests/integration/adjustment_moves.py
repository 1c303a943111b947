"""The moves of the adjustment property test, each one entry point's transaction through
the use cases, and the book-keeping that predicts what the customer owes."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.pricing import LineRequest
from ledger_svc.domain.refund import RefundMethod
from ledger_svc.use_cases.approve_write_off import approve_write_off
from ledger_svc.use_cases.cancel_refund import cancel_refund
from ledger_svc.use_cases.charge_late_fees import charge_late_fees
from ledger_svc.use_cases.issue_credit_note import credit_customer_on_account, credit_invoice
from ledger_svc.use_cases.issue_invoice import issue_invoice
from ledger_svc.use_cases.pay_refund import pay_refund
from ledger_svc.use_cases.record_payment import record_payment
from ledger_svc.use_cases.request_refund import request_refund
from ledger_svc.use_cases.request_write_off import request_invoice_write_off
from ledger_svc.use_cases.void_invoice import void_invoice
from ledgerflow_platform.errors import DomainError

LOWEST_AMOUNTS = """
SELECT (SELECT coalesce(min(open_amount), 0) FROM invoices),
       (SELECT coalesce(min(unapplied_amount), 0) FROM payments),
       (SELECT coalesce(min(unapplied_amount), 0) FROM credit_notes),
       (SELECT coalesce(min(least(debit, credit)), 0) FROM journal_lines),
       (SELECT coalesce(min(amount), 0) FROM refund_draws)
"""
T = TypeVar("T")
Sessions = async_sessionmaker[AsyncSession]
D = date(2026, 3, 1)


def cents(minor: int) -> str:
    return f"{Decimal(minor).scaleb(-2):.2f}"


@dataclass
class Books:
    """What the test did that the ledger accepted, to predict what the customer owes."""

    customer_id: str
    invoices: list[str] = field(default_factory=list)
    refunds: list[str] = field(default_factory=list)
    owed: int = 0


async def attempt(
    sessions: Sessions, action: Callable[[LedgerUnitOfWork], Awaitable[T]]
) -> T | None:
    """Run one entry point's transaction; a refusal (DomainError) rolls it back."""
    async with sessions() as session:
        uow = LedgerUnitOfWork(session)
        try:
            result = await action(uow)
        except DomainError:
            await uow.rollback()
            return None
        await uow.commit()
        return result


def pick(ids: list[str], index: int) -> str | None:
    return ids[index % len(ids)] if ids else None


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
        note = await attempt(
            sessions,
            lambda uow: credit_customer_on_account(
                uow,
                customer_id=customer,
                amount=cents(amount),
                currency="EUR",
                issue_date=date(2026, 4, 1),
                reason="Goodwill",
                issued_by="alice",
            ),
        )
        assert note is not None
        books.owed -= note.amount
    elif kind == "refund":
        refund = await attempt(
            sessions,
            lambda uow: request_refund(
                uow,
                customer_id=customer,
                amount=cents(amount),
                currency=None,
                method=RefundMethod.BANK_TRANSFER,
                reference=None,
                requested_on=date(2026, 4, 2),
                requested_by="alice",
            ),
        )
        if refund:
            books.refunds.append(refund.id)
            books.owed += refund.amount
    elif kind == "settle_refund" and (refund_id := pick(books.refunds, n)):
        if n % 2:
            await attempt(
                sessions, lambda uow: pay_refund(uow, refund_id=refund_id, paid_on=date(2026, 4, 3))
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
