"""Reservations for orders in flight: placed, read, released, and expired by a dated run."""

from fastapi import APIRouter, Response

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanCheck, CanRead
from credit_svc.api.order_schemas import (
    ExpiryRun,
    ExpiryRunOut,
    ReservationOut,
    ReserveCredit,
    reservation_out,
)
from credit_svc.domain.reservations import ReservationNotFound
from credit_svc.use_cases.reserve_credit import (
    expire_reservations,
    release_reservation,
    reserve_credit,
)
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1", tags=["credit reservations"])


@router.post(
    "/credit-reservations",
    status_code=201,
    response_model=ReservationOut,
    summary="Reserve credit for an order until invoiced, released or expired",
    responses={200: {"model": ReservationOut, "description": "The order's reservation"}},
)
async def post_reservation(
    body: ReserveCredit,
    response: Response,
    session: DbSession,
    idempotency: Idempotent,
    now: Now,
    _: CanCheck,
) -> Response | ReservationOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    reservation, placed = await reserve_credit(
        uow,
        body.customer_id,
        amount=body.amount,
        currency=body.currency,
        order_reference=body.order_reference,
        expires_at=body.expires_at,
        now=now,
    )
    # An order holds one reservation: asked again, it is answered with the one it has.
    response.status_code = 201 if placed else 200
    out = reservation_out(reservation)
    await idempotency.remember(response.status_code, out)
    await uow.commit()
    return out


@router.get(
    "/credit-reservations/{reservation_id}",
    response_model=ReservationOut,
    summary="A reservation",
)
async def get_reservation(reservation_id: str, session: DbSession, _: CanRead) -> ReservationOut:
    reservation = await CreditUnitOfWork(session).reservations.get(reservation_id)
    if reservation is None:
        raise ReservationNotFound(reservation_id)
    return reservation_out(reservation)


@router.post(
    "/credit-reservations/{reservation_id}:release",
    response_model=ReservationOut,
    summary="Release a live reservation: the order will not be invoiced",
)
async def release(
    reservation_id: str, session: DbSession, idempotency: Idempotent, now: Now, _: CanCheck
) -> Response | ReservationOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    out = reservation_out(await release_reservation(uow, reservation_id, now=now))
    await idempotency.remember(200, out)
    await uow.commit()
    return out


@router.post(
    "/reservation-expiry-runs",
    response_model=ExpiryRunOut,
    summary="Expire every live reservation whose expiry came by the end of a business date",
)
async def run_expiry(
    body: ExpiryRun, session: DbSession, idempotency: Idempotent, now: Now, _: CanCheck
) -> Response | ExpiryRunOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    expired = await expire_reservations(uow, as_of=body.as_of, now=now)
    out = ExpiryRunOut(as_of=body.as_of, expired=[r.id for r in expired])
    await idempotency.remember(200, out)
    await uow.commit()
    return out
