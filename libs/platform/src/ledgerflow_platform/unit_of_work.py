"""The unit of work: one transaction holding a service's state changes and the events they cause.

Rolls back unless committed; only entry points (routes, handlers) commit.
"""

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.outbox import Outbox


class UnitOfWork:
    def __init__(self, session: AsyncSession, outbox: Outbox | None = None) -> None:
        self.session = session
        self._outbox = outbox

    async def lock_customer(self, customer_id: str) -> None:
        """Serialise every transaction that emits for this customer; call before reading state."""
        assert self._outbox is not None, "only producing services lock event streams"
        await self._outbox.lock_stream(self.session, customer_id)

    async def emit(self, event: EventData) -> None:
        assert self._outbox is not None, "this service publishes no events"
        await self._outbox.append(self.session, event)

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            await self.rollback()
