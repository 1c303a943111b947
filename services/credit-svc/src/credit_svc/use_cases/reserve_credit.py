"""Credit reserved for orders in flight: placed, released, expired or converted, and told."""

from datetime import date, datetime
from typing import Any

from uuid6 import uuid7

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.amounts import amount_in, same_currency
from credit_svc.domain.reservations import (
    Reservation,
    ReservationNotFound,
    ReservationStatus,
    end,
    end_of_business_day,
    expiry_of,
)
from credit_svc.use_cases.credit_standing import account_of
from credit_svc.use_cases.order_book import OrderBook
from credit_svc.use_cases.review_automatic_holds import review_automatic_holds
from ledgerflow_events.contracts.credit import CreditReservationEnded, CreditReserved
from ledgerflow_events.money import format_minor


async def reserve_credit(
    uow: CreditUnitOfWork,
    customer_id: str,
    *,
    amount: str,
    currency: str,
    order_reference: str,
    expires_at: datetime | date,
    now: datetime,
) -> tuple[Reservation, bool]:
    """Reserve for the order; (its existing reservation, False) if it already has one."""
    await uow.lock_customer(customer_id)
    account = await account_of(uow, customer_id)
    same_currency(currency, account.currency)
    minor = amount_in(amount, account.currency, positive=True)
    expiry = expiry_of(expires_at, now)
    existing = await uow.reservations.for_order(customer_id, order_reference)
    if existing is not None:
        return existing[0], False
    reservation = await place_reservation(
        uow, customer_id, account.currency, minor, order_reference, expiry, now, decision=None
    )
    billed_by = await uow.receivables.billing(customer_id, order_reference)
    reservation = await converted_if_billed(uow, reservation, billed_by, now)
    await review_automatic_holds(uow, customer_id, as_of=now.date(), now=now)
    return reservation, True


async def place_reservation(
    uow: OrderBook,
    customer_id: str,
    currency: str,
    amount: int,
    order_reference: str,
    expires_at: datetime,
    now: datetime,
    *,
    decision: dict[str, Any] | None,
) -> Reservation:
    reservation = Reservation(
        id=str(uuid7()),
        customer_id=customer_id,
        currency=currency,
        amount=amount,
        order_reference=order_reference,
        expires_at=expires_at,
        status=ReservationStatus.LIVE,
        created_at=now,
    )
    await uow.reservations.add(reservation, decision)
    await uow.emit(
        CreditReserved(
            customer_id=customer_id,
            reservation_id=reservation.id,
            order_reference=order_reference,
            currency=currency,
            amount=format_minor(amount, currency),
            expires_at=expires_at,
        )
    )
    return reservation


async def converted_if_billed(
    uow: CreditUnitOfWork, reservation: Reservation, invoice_id: str | None, now: datetime
) -> Reservation:
    """The order was invoiced before its credit was reserved (an order system retrying, or
    reserving late): the invoice counts in exposure already, so the reservation converts to
    it at once instead of counting beside it until it expires."""
    if invoice_id is None:
        return reservation
    return await end_reservation(
        uow, reservation, ReservationStatus.CONVERTED, now, invoice_id=invoice_id
    )


async def release_reservation(
    uow: CreditUnitOfWork, reservation_id: str, *, now: datetime
) -> Reservation:
    # The customer first, then the reservation: the order every writer of it locks them in.
    customer_id = await uow.reservations.customer_of(reservation_id)
    if customer_id is not None:
        await uow.lock_customer(customer_id)
    reservation = await uow.reservations.get(reservation_id)
    if reservation is None:
        raise ReservationNotFound(reservation_id)
    released = await end_reservation(uow, reservation, ReservationStatus.RELEASED, now)
    await review_automatic_holds(uow, reservation.customer_id, as_of=now.date(), now=now)
    return released


async def expire_reservations(
    uow: CreditUnitOfWork, *, as_of: date, now: datetime, customer_id: str | None = None
) -> list[Reservation]:
    """End every live reservation whose expiry came by the end of the business day `as_of`
    (of one customer, or of all). Each customer is locked before their reservations are read,
    as every writer of them is: none is ended that an invoice is converting meanwhile."""
    lapsed_by = end_of_business_day(as_of)
    customers = (
        [customer_id]
        if customer_id is not None
        else await uow.reservations.customers_with_lapsed(lapsed_by)
    )
    expired: list[Reservation] = []
    for customer in customers:
        await uow.lock_customer(customer)
        for lapsed in await uow.reservations.lapsed(lapsed_by, customer):
            expired.append(await end_reservation(uow, lapsed, ReservationStatus.EXPIRED, now))
    return sorted(expired, key=lambda r: r.id)


async def convert_reservation(
    uow: CreditUnitOfWork, customer_id: str, order_reference: str, invoice_id: str, now: datetime
) -> None:
    """The order was invoiced: the invoice counts in exposure now, its reservation no more."""
    found = await uow.reservations.for_order(customer_id, order_reference)
    if found is None or found[0].status is not ReservationStatus.LIVE:
        return
    await end_reservation(uow, found[0], ReservationStatus.CONVERTED, now, invoice_id=invoice_id)


async def end_reservation(
    uow: CreditUnitOfWork,
    reservation: Reservation,
    status: ReservationStatus,
    now: datetime,
    *,
    invoice_id: str | None = None,
) -> Reservation:
    ended = end(reservation, status, now, invoice_id)
    await uow.reservations.save_end(ended)
    await uow.emit(
        CreditReservationEnded(
            customer_id=ended.customer_id,
            reservation_id=ended.id,
            order_reference=ended.order_reference,
            outcome=status,
            invoice_id=ended.invoice_id,
            ended_at=now,
        )
    )
    return ended
