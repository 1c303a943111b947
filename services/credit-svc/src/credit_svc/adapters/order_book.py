"""The credit check's own unit of work: a read and at most one write, on one asyncpg
connection, without an explicit transaction.

Order systems call the check on every order. Through the ORM session a reserving check spent
more of the process's CPU on SQLAlchemy than on its statements; in a transaction of its own it
then took six round trips (BEGIN, the customer's lock, the standing, the reservation, the
event, COMMIT), and under load each round trip waited for the two processes to be scheduled
again, holding a pooled connection the whole time. Here the standing is read in one statement,
with the version of the customer's event stream in the same snapshot, and the reservation and
its event are written in one statement that writes only if that version is unchanged
(Outbox.append_if_unchanged): two round trips. Every writer that could change what the check
decided on (another check, a hold, a payment applied) locks or appends to that stream and so
changes its version; when it did, nothing was written, StandingMoved is raised and the check
is decided again on a fresh read. An Idempotency-Key is looked up before the read and kept,
with the check's answer, in that same write. What the check rarely needs and only the full
unit of work does (ending lapsed reservations, reading a policy this process has not kept
yet) raises NeedsFullUnitOfWork before anything is written: the caller checks again through
CreditUnitOfWork.
"""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

import asyncpg

from credit_svc.adapters.policies import kept_in_force
from credit_svc.adapters.reservations import reservation_values
from credit_svc.adapters.standing import CustomerStanding, Standings
from credit_svc.adapters.tables import idempotency_keys, outbox
from credit_svc.domain.policy import CreditPolicy
from credit_svc.domain.reservations import Reservation
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.outbox import NOTIFY_AT_MOST_EVERY_S

# The reservation, written only with its event: the outbox's statement plus this CTE.
_RESERVED = """, reserved AS (
    INSERT INTO credit_reservations
        (id, customer_id, currency, amount, order_reference, expires_at, status, created_at,
         decision)
    SELECT $11::text, $12::text, $13::text, $14::bigint, $15::text, $16::timestamptz,
           $17::text, $18::timestamptz, $19::text::jsonb
    FROM appended_to
)"""
_RESERVE_AND_APPEND = outbox.append_if_unchanged_statement(_RESERVED)

# An Idempotency-Key and the answer it was given, kept with what the check wrote (or alone,
# when it wrote nothing). No ON CONFLICT: a key another request holds fails the statement,
# nothing of it is written, and the declared route answers (a replay, or the key's misuse).
_KEYS = idempotency_keys.name
_REMEMBERED = f"""
    INSERT INTO {_KEYS} (subject, key, fingerprint, status_code, response)
    SELECT $20::text, $21::text, $22::text, 200, $23::text::jsonb"""
_RESERVE_REMEMBER_AND_APPEND = outbox.append_if_unchanged_statement(
    f"{_RESERVED}, remembered AS ({_REMEMBERED} FROM appended_to\n)"
)
_REMEMBER = f"""
INSERT INTO {_KEYS} (subject, key, fingerprint, status_code, response)
VALUES ($1, $2, $3, 200, $4::text::jsonb)
"""  # noqa: S608 (the table's name is our own metadata's)
_REMEMBERED_BEFORE = f"""
SELECT fingerprint, status_code, response FROM {_KEYS} WHERE subject = $1 AND key = $2
"""  # noqa: S608 (the table's name is our own metadata's)


@dataclass(frozen=True)
class KeyedRequest:
    """An Idempotency-Key sent with the check: whose it is and what request it came with."""

    subject: str
    key: str
    fingerprint: str


@dataclass(frozen=True)
class Remembered:
    """The answer a key was first given, and the request it came with."""

    fingerprint: str
    status_code: int | None
    body: Any


class KeyTaken(Exception):
    """Another request holds or held this Idempotency-Key: nothing was written."""


class NeedsFullUnitOfWork(Exception):
    """The check needs what only CreditUnitOfWork does; nothing was written."""


class StandingMoved(Exception):
    """Someone wrote to the customer between the check's read and its write; nothing was
    written, and the check is to be decided again."""


class KeptPolicies:
    async def in_force_at(self, version: int, revision: int) -> CreditPolicy:
        kept = kept_in_force(version, revision)
        if kept is None:
            raise NeedsFullUnitOfWork("the policy in force is not kept yet")
        return kept


class _ReadOnce:
    """The standing, read once per check: the write is guarded by the version read with it."""

    def __init__(self, book: "OrderBook") -> None:
        self._book = book
        self._standings = Standings(book.connection)

    async def of(
        self,
        customer_id: str,
        *,
        now: datetime,
        lapsed_by: datetime | None = None,
        order_reference: str | None = None,
        reserving: bool = False,
    ) -> CustomerStanding | None:
        if self._book.read is not None:
            raise NeedsFullUnitOfWork("the standing is read again")
        found = await self._standings.of(
            customer_id,
            now=now,
            lapsed_by=lapsed_by,
            order_reference=order_reference,
            reserving=reserving,
        )
        self._book.read = found
        return found


class _HeldForTheWrite:
    def __init__(self, book: "OrderBook") -> None:
        self._book = book

    async def add(self, reservation: Reservation, decision: dict[str, Any] | None) -> None:
        if self._book.reservation is not None:
            raise NeedsFullUnitOfWork("more than one reservation")
        self._book.reservation = (reservation, decision)


class OrderBook:
    def __init__(
        self, connection: "asyncpg.Connection[Any]", keyed: KeyedRequest | None = None
    ) -> None:
        self.connection = connection
        self.keyed = keyed
        # The answer to keep with the key; set by the caller once the check is decided.
        self.answer: str | None = None
        self.read: CustomerStanding | None = None
        self.reservation: tuple[Reservation, dict[str, Any] | None] | None = None
        self.event: EventData | None = None
        self.standings = _ReadOnce(self)
        self.policies = KeptPolicies()
        self.reservations = _HeldForTheWrite(self)

    async def lock_customer(self, customer_id: str) -> None:
        """No lock: the write checks the customer's stream is as it was read (see above)."""

    async def emit(self, event: EventData) -> None:
        if self.event is not None:
            raise NeedsFullUnitOfWork("more than one event")
        self.event = event

    async def remembered(self) -> Remembered | None:
        """What the request's key was first answered, if it was used before."""
        if self.keyed is None:
            return None
        row = await self.connection.fetchrow(_REMEMBERED_BEFORE, self.keyed.subject, self.keyed.key)
        return None if row is None else Remembered(*row)

    async def write(self) -> None:
        """The reservation and its event, if the check placed one, and the key with its
        answer, in one statement."""
        keyed = self.keyed
        decided = self.reservation is not None or self.event is not None
        if keyed is not None and self.answer is None and decided:
            raise NeedsFullUnitOfWork("a keyed check without its answer")
        remembering: tuple[Any, ...] = ()
        if keyed is not None and self.answer is not None:
            remembering = (keyed.subject, keyed.key, keyed.fingerprint, self.answer)
        try:
            await self._write(remembering)
        except asyncpg.UniqueViolationError as exc:
            if exc.table_name == idempotency_keys.name:
                raise KeyTaken(keyed.key if keyed else "") from exc
            raise

    async def _write(self, remembering: tuple[Any, ...]) -> None:
        if self.reservation is None and self.event is None:
            if remembering:
                await self.connection.execute(_REMEMBER, *remembering)
            return
        if self.reservation is None or self.event is None or self.read is None:
            raise NeedsFullUnitOfWork("a write the order path does not make")
        reservation, decision = self.reservation
        written = await outbox.append_if_unchanged(
            self.connection,
            self.event,
            self.read.stream_version,
            statement=_RESERVE_REMEMBER_AND_APPEND if remembering else _RESERVE_AND_APPEND,
            # Checks come hundreds a second: each waking the relay made every commit on the
            # server wait for the one before it (NOTIFY_AT_MOST_EVERY_S).
            notify_every_s=NOTIFY_AT_MOST_EVERY_S,
            also_args=(*reservation_values(reservation, decision), *remembering),
        )
        if not written:
            raise StandingMoved(reservation.customer_id)


@asynccontextmanager
async def order_book(
    pool: "asyncpg.Pool[Any]", keyed: KeyedRequest | None = None
) -> AsyncIterator[OrderBook]:
    """A unit of work whose write is made when the block ends, and not if it raises."""
    async with pool.acquire() as connection:
        # The pool lends a proxy of the connection, which answers as the connection does.
        book = OrderBook(cast("asyncpg.Connection[Any]", connection), keyed)
        yield book
        await book.write()


async def _decode_json(connection: "asyncpg.Connection[Any]") -> None:
    # As SQLAlchemy's connections read them: json and jsonb as Python values (the standing's
    # open holds and the order's decision); written as JSON text.
    for kind in ("json", "jsonb"):
        await connection.set_type_codec(
            kind, encoder=lambda text: text, decoder=json.loads, schema="pg_catalog"
        )


async def _keep_session(connection: "asyncpg.Connection[Any]") -> None:
    """Nothing to reset: these connections only ever run the check's two statements (no
    session settings, advisory locks, cursors or listeners), and the pool still rolls back a
    transaction left open. The default reset was a round trip more on every check."""


async def order_book_pool(dsn: str, size: int) -> "asyncpg.Pool[Any]":
    """The order path's connections, opened as checks need them (none in the worker)."""
    return await asyncpg.create_pool(
        dsn, min_size=0, max_size=size, init=_decode_json, reset=_keep_session
    )
