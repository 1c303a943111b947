"""Reservations for orders in flight, and the overrides credit managers grant orders."""

import json
from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from credit_svc.adapters.tables import CreditOverrideRow, CreditReservationRow
from credit_svc.domain.reservations import Override, Reservation, ReservationStatus
from ledgerflow_platform.database import driver_connection

LIVE = ReservationStatus.LIVE
_ADD = """
INSERT INTO credit_reservations
    (id, customer_id, currency, amount, order_reference, expires_at, status, created_at, decision)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb)
"""


def reservation_values(
    reservation: Reservation, decision: dict[str, Any] | None
) -> tuple[Any, ...]:
    """A new reservation's columns, in the order every insert of one lists them (_ADD)."""
    return (
        reservation.id,
        reservation.customer_id,
        reservation.currency,
        reservation.amount,
        reservation.order_reference,
        reservation.expires_at,
        reservation.status.value,
        reservation.created_at,
        None if decision is None else json.dumps(decision),
    )


async def add_reservation(
    driver: "asyncpg.Connection[Any]", reservation: Reservation, decision: dict[str, Any] | None
) -> None:
    """Insert a new reservation with the check that placed it (None: reserved directly)."""
    await driver.execute(_ADD, *reservation_values(reservation, decision))


class Reservations:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def reserved(self, customer_id: str, currency: str, now: datetime) -> int:
        total = await self._session.scalar(
            select(func.coalesce(func.sum(CreditReservationRow.amount), 0)).where(
                col(CreditReservationRow.customer_id) == customer_id,
                col(CreditReservationRow.currency) == currency,
                col(CreditReservationRow.status) == LIVE,
                col(CreditReservationRow.expires_at) > now,
            )
        )
        return int(total or 0)

    async def for_order(
        self, customer_id: str, order_reference: str
    ) -> tuple[Reservation, dict[str, Any] | None] | None:
        """The order's reservation and the check that placed it, if any."""
        row = (
            await self._session.execute(
                select(CreditReservationRow)
                .where(
                    col(CreditReservationRow.customer_id) == customer_id,
                    col(CreditReservationRow.order_reference) == order_reference,
                )
                .with_for_update()
            )
        ).scalar_one_or_none()
        return (_reservation(row), row.decision) if row else None

    async def customer_of(self, reservation_id: str) -> str | None:
        return await self._session.scalar(
            select(col(CreditReservationRow.customer_id)).where(
                col(CreditReservationRow.id) == reservation_id
            )
        )

    async def get(self, reservation_id: str) -> Reservation | None:
        row = (
            await self._session.execute(
                select(CreditReservationRow)
                .where(col(CreditReservationRow.id) == reservation_id)
                .with_for_update()
            )
        ).scalar_one_or_none()
        return _reservation(row) if row else None

    async def customers_with_lapsed(self, at: datetime) -> list[str]:
        """Customers with a live reservation whose expiry has come by `at`, in the order
        their streams are locked."""
        rows = await self._session.scalars(
            select(col(CreditReservationRow.customer_id))
            .where(
                col(CreditReservationRow.status) == LIVE,
                col(CreditReservationRow.expires_at) <= at,
            )
            .distinct()
            .order_by(col(CreditReservationRow.customer_id))
        )
        return list(rows.all())

    async def lapsed(self, at: datetime, customer_id: str) -> list[Reservation]:
        """The customer's live reservations whose expiry has come by `at`; call it under the
        customer's lock."""
        rows = await self._session.execute(
            select(CreditReservationRow)
            .where(
                col(CreditReservationRow.customer_id) == customer_id,
                col(CreditReservationRow.status) == LIVE,
                col(CreditReservationRow.expires_at) <= at,
            )
            .order_by(col(CreditReservationRow.id))
        )
        return [_reservation(r) for r in rows.scalars().all()]

    async def add(self, reservation: Reservation, decision: dict[str, Any] | None) -> None:
        # On the driver's connection, in the session's transaction: on the order path the ORM's
        # flush (and even a Core statement) cost more than the round trip.
        await add_reservation(await driver_connection(self._session), reservation, decision)

    async def save_end(self, reservation: Reservation) -> None:
        row = await self._session.get(CreditReservationRow, reservation.id)
        assert row is not None, "only a reservation that was read is ended"
        row.status = reservation.status
        row.invoice_id = reservation.invoice_id
        row.ended_at = reservation.ended_at
        await self._session.flush()


class Overrides:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def covering(self, customer_id: str, order_reference: str, amount: int) -> bool:
        found = await self._session.scalar(
            select(func.count()).where(
                col(CreditOverrideRow.customer_id) == customer_id,
                col(CreditOverrideRow.order_reference) == order_reference,
                col(CreditOverrideRow.amount) >= amount,
            )
        )
        return bool(found)

    async def add(self, override: Override) -> None:
        self._session.add(
            CreditOverrideRow(
                id=override.id,
                customer_id=override.customer_id,
                order_reference=override.order_reference,
                currency=override.currency,
                amount=override.amount,
                reason=override.reason,
                granted_by=override.granted_by,
                granted_at=override.granted_at,
            )
        )
        await self._session.flush()


def _reservation(row: CreditReservationRow) -> Reservation:
    return Reservation(
        id=row.id,
        customer_id=row.customer_id,
        currency=row.currency,
        amount=row.amount,
        order_reference=row.order_reference,
        expires_at=row.expires_at,
        status=ReservationStatus(row.status),
        created_at=row.created_at,
        invoice_id=row.invoice_id,
        ended_at=row.ended_at,
    )
