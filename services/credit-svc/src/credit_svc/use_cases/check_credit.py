"""The credit check on the order path, optionally reserving for an approved order.

Repeating a reserving check for the same order answers what the first one decided and
reserves nothing more: order systems retry, and an order must not hold credit twice.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from credit_svc.adapters.order_book import NeedsFullUnitOfWork
from credit_svc.adapters.standing import CustomerStanding
from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.amounts import amount_in, same_currency
from credit_svc.domain.credit_check import CheckOutcome, Decision, Reason, ReasonCode, judge_order
from credit_svc.domain.exposure import CustomerNotFound
from credit_svc.domain.reservations import end_of_business_day, expiry_of
from credit_svc.use_cases.order_book import OrderBook
from credit_svc.use_cases.reserve_credit import (
    converted_if_billed,
    expire_reservations,
    place_reservation,
)
from ledgerflow_platform.errors import DomainError

# A reservation asked for without an expiry lasts to the end of this many business days.
DEFAULT_RESERVATION_DAYS = 14


class ReservationNeedsOrder(DomainError):
    def __init__(self) -> None:
        super().__init__("reserve: true needs the order_reference.", field="order_reference")


@dataclass(frozen=True)
class CreditCheck:
    outcome: CheckOutcome
    reservation_id: str | None


@dataclass(frozen=True)
class OrderToCheck:
    customer_id: str
    amount: str
    currency: str
    order_reference: str | None = None
    reserve: bool = False
    expires_at: datetime | date | None = None


async def check_credit(uow: OrderBook, order: OrderToCheck, now: datetime) -> CreditCheck:
    if order.reserve and order.order_reference is None:
        raise ReservationNeedsOrder()
    await uow.lock_customer(order.customer_id)
    found = await _standing(uow, order, now)
    account = found.account
    same_currency(order.currency, account.currency)
    amount = amount_in(order.amount, account.currency, positive=True)
    expires_at = _expiry(order, now)
    reserved = found.order_reservation
    if reserved is not None and reserved.decision is not None:
        return CreditCheck(_outcome_from(reserved.decision), reserved.id)
    if found.reservations_lapsed:
        if not isinstance(uow, CreditUnitOfWork):
            # Ending them is the full unit of work's: the order path's hands the check over.
            raise NeedsFullUnitOfWork("lapsed reservations to end")
        await expire_reservations(uow, as_of=now.date(), now=now, customer_id=order.customer_id)
        found = await _standing(uow, order, now)
    policy = await uow.policies.in_force_at(found.policy_version, found.policy_revision)
    outcome = judge_order(
        found.standing,
        # An order invoiced already counts in the open receivables: only what its invoices
        # have not billed is judged on top of them.
        max(amount - found.order_billed, 0),
        on_hold=bool(found.open_holds),
        as_of=now.date(),
        terms=policy.terms_of(account.grade),
        overridden=found.override is not None and found.override >= amount,
    )
    if not (order.reserve and outcome.decision is Decision.APPROVED):
        return CreditCheck(outcome, None)
    if reserved is not None:
        # Reserved directly before: the order already holds its credit.
        return CreditCheck(outcome, reserved.id)
    assert order.order_reference is not None
    if found.order_invoice is not None and not isinstance(uow, CreditUnitOfWork):
        # Converting is the full unit of work's: the order path's hands the check over.
        raise NeedsFullUnitOfWork("the order is invoiced already")
    reservation = await place_reservation(
        uow,
        order.customer_id,
        account.currency,
        amount,
        order.order_reference,
        expires_at,
        now,
        decision=_outcome_to(outcome),
    )
    if isinstance(uow, CreditUnitOfWork):
        await converted_if_billed(uow, reservation, found.order_invoice, now)
    return CreditCheck(outcome, reservation.id)


async def _standing(uow: OrderBook, order: OrderToCheck, now: datetime) -> CustomerStanding:
    found = await uow.standings.of(
        order.customer_id,
        now=now,
        lapsed_by=end_of_business_day(now.date()),
        order_reference=order.order_reference,
        reserving=order.reserve,
    )
    if found is None:
        raise CustomerNotFound(order.customer_id)
    return found


def _expiry(order: OrderToCheck, now: datetime) -> datetime:
    if order.expires_at is not None:
        return expiry_of(order.expires_at, now)
    return end_of_business_day(now.date() + timedelta(days=DEFAULT_RESERVATION_DAYS))


def _outcome_to(outcome: CheckOutcome) -> dict[str, Any]:
    return {
        "decision": outcome.decision,
        "reasons": [[r.code, r.message, r.declines] for r in outcome.reasons],
        "exposure": outcome.exposure,
        "available_before": outcome.available_before,
        "available_after": outcome.available_after,
    }


def _outcome_from(stored: dict[str, Any]) -> CheckOutcome:
    return CheckOutcome(
        decision=Decision(stored["decision"]),
        reasons=[Reason(ReasonCode(c), m, d) for c, m, d in stored["reasons"]],
        exposure=stored["exposure"],
        available_before=stored["available_before"],
        available_after=stored["available_after"],
    )
