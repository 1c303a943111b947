"""The credit check's own unit of work: one transaction on one asyncpg connection.

Order systems call the check on every order. Through the ORM session a reserving check spent
more of the process's CPU on SQLAlchemy (its session, pool, greenlets and results) than on
its statements; here the same statements go straight to the driver, in the same order, under
the same customer lock, and the event is appended by the same outbox. What the check rarely
needs and only the full unit of work does (ending lapsed reservations, reading a policy this
process has not kept yet) raises NeedsFullUnitOfWork: the transaction rolls back and the
caller checks again through CreditUnitOfWork.
"""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

import asyncpg

from credit_svc.adapters.policies import kept_in_force
from credit_svc.adapters.reservations import add_reservation
from credit_svc.adapters.standing import Standings
from credit_svc.adapters.tables import messaging, outbox
from credit_svc.domain.policy import CreditPolicy
from credit_svc.domain.reservations import Reservation
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.driver import Executor

# As the outbox locks a customer's stream (Outbox.lock_stream): the upsert changes nothing
# but waits for any other holder, so per-customer event order is commit order.
_LOCK = f"""
INSERT INTO {messaging.event_streams.name} (subject, last_sequence) VALUES ($1, 0)
ON CONFLICT (subject) DO UPDATE SET subject = excluded.subject
"""  # noqa: S608 (the table's name is our own metadata's)


class NeedsFullUnitOfWork(Exception):
    """The check needs what only CreditUnitOfWork does; nothing was written."""


class KeptPolicies:
    async def in_force_at(self, version: int, revision: int) -> CreditPolicy:
        kept = kept_in_force(version, revision)
        if kept is None:
            raise NeedsFullUnitOfWork("the policy in force is not kept yet")
        return kept


class NewReservations:
    def __init__(self, connection: "asyncpg.Connection[Any]") -> None:
        self._connection = connection

    async def add(self, reservation: Reservation, decision: dict[str, Any] | None) -> None:
        await add_reservation(self._connection, reservation, decision)


class _Driven:
    """The connection as the outbox asks for its driver (as of a SQLAlchemy connection)."""

    def __init__(self, connection: "asyncpg.Connection[Any]") -> None:
        self.driver_connection = connection

    async def get_raw_connection(self) -> "_Driven":
        return self


class OrderBook:
    def __init__(self, connection: "asyncpg.Connection[Any]") -> None:
        self._connection = connection
        self.standings = Standings(connection)
        self.policies = KeptPolicies()
        self.reservations = NewReservations(connection)

    async def lock_customer(self, customer_id: str) -> None:
        await self._connection.execute(_LOCK, customer_id)

    async def emit(self, event: EventData) -> None:
        await outbox.append_many(cast(Executor, _Driven(self._connection)), [event])


@asynccontextmanager
async def order_book(pool: "asyncpg.Pool[Any]") -> AsyncIterator[OrderBook]:
    """A unit of work committed when the block ends, rolled back if it raises."""
    async with pool.acquire() as connection, connection.transaction():
        # The pool lends a proxy of the connection, which answers as the connection does.
        yield OrderBook(cast("asyncpg.Connection[Any]", connection))


async def _decode_json(connection: "asyncpg.Connection[Any]") -> None:
    # As SQLAlchemy's connections read them: json and jsonb as Python values (the standing's
    # open holds and the order's decision); written as JSON text.
    for kind in ("json", "jsonb"):
        await connection.set_type_codec(
            kind, encoder=lambda text: text, decoder=json.loads, schema="pg_catalog"
        )


async def _keep_session(connection: "asyncpg.Connection[Any]") -> None:
    """Nothing to reset: these connections only ever run the check's transaction (no session
    settings, advisory locks, cursors or listeners), and the pool still rolls back one left
    open. The default reset was a round trip more than the check's own on every check."""


async def order_book_pool(dsn: str, size: int) -> "asyncpg.Pool[Any]":
    """The order path's connections, opened as checks need them (none in the worker)."""
    return await asyncpg.create_pool(
        dsn, min_size=0, max_size=size, init=_decode_json, reset=_keep_session
    )
