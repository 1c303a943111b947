"""What the credit check needs of its unit of work.

CreditUnitOfWork has all of it; the order path's own unit of work (adapters/order_book.py)
has only this, on one database connection, so a check costs no more than its statements.
"""

from datetime import datetime
from typing import Any, Protocol

from credit_svc.adapters.standing import CustomerStanding
from credit_svc.domain.policy import CreditPolicy
from credit_svc.domain.reservations import Reservation
from ledgerflow_events.contracts.base import EventData


class StandingReader(Protocol):
    async def of(
        self,
        customer_id: str,
        *,
        now: datetime,
        lapsed_by: datetime | None = None,
        order_reference: str | None = None,
        reserving: bool = False,
    ) -> CustomerStanding | None: ...


class PolicyReader(Protocol):
    async def in_force_at(self, version: int, revision: int) -> CreditPolicy: ...


class ReservationWriter(Protocol):
    async def add(self, reservation: Reservation, decision: dict[str, Any] | None) -> None: ...


class OrderBook(Protocol):
    @property
    def standings(self) -> StandingReader: ...

    @property
    def policies(self) -> PolicyReader: ...

    @property
    def reservations(self) -> ReservationWriter: ...

    async def lock_customer(self, customer_id: str) -> None: ...

    async def emit(self, event: EventData) -> None: ...
