"""Credit reserved for orders in flight, the pending-transfer idea applied to receivables.

1. A reservation counts toward exposure while live and not past its expiry.
2. It stops counting when its invoice arrives (converted: the invoice counts instead),
   when it is released, or when it expires; each ends it once, for good.
3. An expiry given as a date means the end of that business day (UTC); it must lie ahead.
"""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from ledgerflow_platform.errors import DomainError

EARLIEST, LATEST = date(1900, 1, 1), date(2200, 12, 31)


class ReservationStatus(StrEnum):
    LIVE = "live"
    CONVERTED = "converted"
    RELEASED = "released"
    EXPIRED = "expired"


class ReservationNotFound(DomainError):
    def __init__(self, reservation_id: str) -> None:
        super().__init__(f"No credit reservation {reservation_id}.")


class ReservationEnded(DomainError):
    def __init__(self, reservation_id: str, status: str) -> None:
        super().__init__(f"Credit reservation {reservation_id} is already {status}.")


class ExpiryNotValid(DomainError):
    """The expiry is not a time ahead within the years we accept."""


@dataclass(frozen=True)
class Reservation:
    id: str
    customer_id: str
    currency: str
    amount: int
    order_reference: str
    expires_at: datetime
    status: ReservationStatus
    created_at: datetime
    invoice_id: str | None = None
    ended_at: datetime | None = None

    def counts_at(self, now: datetime) -> bool:
        return self.status is ReservationStatus.LIVE and self.expires_at > now


def end_of_business_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)


def expiry_of(given: datetime | date, now: datetime) -> datetime:
    day = given.date() if isinstance(given, datetime) else given
    if not EARLIEST <= day <= LATEST:
        raise ExpiryNotValid("expires_at must lie in the years 1900 to 2200.", field="expires_at")
    if isinstance(given, datetime):
        if given.tzinfo is None:
            raise ExpiryNotValid("expires_at needs a UTC offset.", field="expires_at")
        expires_at = given.astimezone(UTC)
    else:
        expires_at = end_of_business_day(given)
    if expires_at <= now:
        raise ExpiryNotValid("expires_at must lie ahead.", field="expires_at")
    return expires_at


def end(
    reservation: Reservation,
    status: ReservationStatus,
    now: datetime,
    invoice_id: str | None = None,
) -> Reservation:
    if reservation.status is not ReservationStatus.LIVE:
        raise ReservationEnded(reservation.id, reservation.status)
    return replace(reservation, status=status, ended_at=now, invoice_id=invoice_id)


@dataclass(frozen=True)
class Override:
    """A credit manager approved a referred order, up to an amount."""

    id: str
    customer_id: str
    order_reference: str
    currency: str
    amount: int
    reason: str
    granted_by: str
    granted_at: datetime
