"""The steps the property tests share: one entry point's transaction through the use cases,
and the credit and refund moves both sequences make the same way."""

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.adjustments.refund import RefundMethod
from ledger_svc.use_cases.adjustments.issue_credit_note import credit_customer_on_account
from ledger_svc.use_cases.adjustments.request_refund import request_refund
from ledgerflow_platform.errors import DomainError

T = TypeVar("T")
Sessions = async_sessionmaker[AsyncSession]


def cents(minor: int) -> str:
    return f"{Decimal(minor).scaleb(-2):.2f}"


def pick(items: list[T], index: int) -> T | None:
    return items[index % len(items)] if items else None


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


async def credit_on_account(sessions: Sessions, customer: str, amount: int, issued: date) -> int:
    """Credit the customer goodwill on account; never refused, returns the amount credited."""
    note = await attempt(
        sessions,
        lambda uow: credit_customer_on_account(
            uow,
            customer_id=customer,
            amount=cents(amount),
            currency="EUR",
            issue_date=issued,
            reason="Goodwill",
            issued_by="alice",
        ),
    )
    assert note is not None
    return note.amount


async def refund_by_bank_transfer(
    sessions: Sessions, customer: str, amount: int
) -> tuple[str, int] | None:
    """Ask to refund the customer's credit; returns (refund id, amount) unless refused."""
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
    return (refund.id, refund.amount) if refund else None
