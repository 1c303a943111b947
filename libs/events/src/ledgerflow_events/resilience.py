"""Surviving dependencies that go away: which failures are the infrastructure's, and how a
long-running loop keeps going through them.

A database restart, a broker restart or a service that does not answer is not the fault of
the message being handled: waiting and trying again is the only right answer, for as long as
it takes. Everything else a handler raises is the message's own failure, retried a few times
and then dead-lettered. Retries wait exponentially longer with jitter, so a fleet of workers
does not come back in step and hammer the dependency the moment it returns.
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import asyncpg
from aiokafka.errors import KafkaError, KafkaTimeoutError
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, wait_exponential_jitter

log = logging.getLogger(__name__)


class DependencyUnavailable(Exception):
    """A service or store this work needs did not answer: retry later, the work is not at fault.

    Raise it (from the underlying error) where an adapter calls another service."""


# asyncpg's own errors that mean the connection or the server is gone, not the statement wrong.
_CONNECTION_LOST = (
    asyncpg.PostgresConnectionError,  # class 08, and the connection closing under us
    asyncpg.exceptions.OperatorInterventionError,  # 57: shutting down, starting up, crashed
    asyncpg.exceptions.TooManyConnectionsError,
    asyncpg.exceptions.InsufficientResourcesError,
)
# Class 40: a deadlock or serialization failure rolled the transaction back because of when
# it ran beside another, not what it does; the same work run again succeeds.
_CONFLICTS = (asyncpg.exceptions.TransactionRollbackError,)
_INFRASTRUCTURE = (
    DependencyUnavailable,
    OSError,  # refused, reset, unreachable
    TimeoutError,
    PoolTimeout,
    DisconnectionError,
    KafkaTimeoutError,
    *_CONNECTION_LOST,
    *_CONFLICTS,
)
_CHAIN_DEPTH = 12


def is_transient(error: BaseException) -> bool:
    """True if `error`, or anything that caused it, says a dependency is unreachable or the
    database rolled the work back for a conflict with concurrent work."""
    seen: BaseException | None = error
    for _ in range(_CHAIN_DEPTH):
        if seen is None:
            return False
        if isinstance(seen, _INFRASTRUCTURE):
            return True
        # aiokafka marks what a broker coming back would cure: no connection, no leader yet,
        # a topic not yet re-created.
        if isinstance(seen, KafkaError) and seen.retriable:
            return True
        if isinstance(seen, DBAPIError):
            if seen.connection_invalidated:
                return True
            if isinstance(seen.orig, BaseException) and is_transient(seen.orig):
                return True
        seen = seen.__cause__ or seen.__context__
    return False


@dataclass(frozen=True)
class Backoff:
    """Waits between attempts: `initial` doubling up to `maximum`, plus up to `jitter` more."""

    initial: float = 0.2
    maximum: float = 10.0
    jitter: float = 0.5

    def wait(self) -> wait_exponential_jitter:
        return wait_exponential_jitter(
            multiplier=self.initial, max=self.maximum, jitter=self.jitter
        )


RESTART = Backoff(initial=0.25, maximum=5.0, jitter=0.5)
# A loop that ran this long before failing was healthy: its next failure starts the waits over.
HEALTHY_AFTER_S = 30.0


async def keep_running(
    what: str,
    run: Callable[[], Awaitable[None]],
    *,
    backoff: Backoff = RESTART,
    healthy_after: float = HEALTHY_AFTER_S,
) -> None:
    """Run `run` until it returns: after any failure (cancellation aside), log it and start
    it again, waiting longer after each failure in a row. A loop meant to run for ever never
    returns, so for it this never ends."""

    def log_failure(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning("%s failed (%s); starting again in %.1fs", what, _describe(error), wait)

    while True:
        async for attempt in AsyncRetrying(
            retry=retry_if_exception_type(Exception),
            wait=backoff.wait(),
            before_sleep=log_failure,
            sleep=asyncio.sleep,
        ):
            started = time.monotonic()
            with attempt:
                await run()
                return
            # tenacity keeps whatever ended the attempt, cancellation too: that is no failure
            # to retry, and it must reach the caller before anything starts again.
            ended = attempt.retry_state.outcome.exception() if attempt.retry_state.outcome else None
            if ended is not None and not isinstance(ended, Exception):
                raise ended
            if time.monotonic() - started >= healthy_after:
                break  # it had worked for a while: the next failure starts the waits over


async def until_done(
    what: str, action: Callable[[], Awaitable[None]], *, backoff: Backoff = RESTART
) -> None:
    """Do `action`, retrying for as long as it fails for want of a dependency; any other
    failure is raised at once."""

    def log_wait(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning("%s waits %.1fs for a dependency: %s", what, wait, _describe(error))

    async for attempt in AsyncRetrying(
        retry=_retry_if_transient,
        wait=backoff.wait(),
        before_sleep=log_wait,
        sleep=asyncio.sleep,
        reraise=True,
    ):
        with attempt:
            await action()


def _retry_if_transient(state: RetryCallState) -> bool:
    error = state.outcome.exception() if state.outcome else None
    return error is not None and is_transient(error)


def _describe(error: BaseException | None) -> str:
    if error is None:
        return "no error"
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first_line}"[:300]
