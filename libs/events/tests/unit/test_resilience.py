import asyncio

import asyncpg
import pytest
from aiokafka.errors import KafkaConnectionError, UnknownTopicOrPartitionError
from sqlalchemy.exc import DBAPIError, IntegrityError

from ledgerflow_events.resilience import (
    Backoff,
    DependencyUnavailable,
    is_transient,
    keep_running,
    until_done,
)

QUICK = Backoff(initial=0.001, maximum=0.01, jitter=0.001)


def wrapped(orig: BaseException, *, invalidated: bool = False) -> DBAPIError:
    """As SQLAlchemy raises a driver error: the driver's error as `orig` and as the cause."""
    try:
        raise orig
    except BaseException as cause:
        error = DBAPIError("SELECT 1", {}, cause, connection_invalidated=invalidated)
        error.__cause__ = cause
        return error


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError(),
        DependencyUnavailable("customer-svc did not answer"),
        wrapped(asyncpg.CannotConnectNowError("the database system is starting up")),
        wrapped(asyncpg.AdminShutdownError("terminating connection due to administrator")),
        wrapped(asyncpg.ConnectionDoesNotExistError("connection was closed")),
        wrapped(RuntimeError("connection is closed"), invalidated=True),
        wrapped(asyncpg.DeadlockDetectedError("deadlock detected")),
        wrapped(asyncpg.SerializationError("could not serialize access")),
        KafkaConnectionError("no broker"),
        UnknownTopicOrPartitionError(),
    ],
)
def test_an_unreachable_dependency_is_transient(error: BaseException) -> None:
    assert is_transient(error)


def test_an_outage_stays_transient_however_deep_the_chain() -> None:
    outer = RuntimeError("the handler gave up")
    outer.__cause__ = wrapped(asyncpg.CrashShutdownError("crash"))
    assert is_transient(outer)


@pytest.mark.parametrize(
    "error",
    [
        ValueError("this invoice always fails"),
        LookupError("no tax rate"),
        IntegrityError("INSERT", {}, asyncpg.UniqueViolationError("duplicate key")),
        wrapped(asyncpg.UndefinedTableError('relation "x" does not exist')),
    ],
)
def test_a_failure_of_the_work_itself_is_not_transient(error: BaseException) -> None:
    assert not is_transient(error)


async def test_keep_running_restarts_a_loop_after_each_failure_until_it_is_done() -> None:
    failures = iter([ConnectionResetError("broker went away"), ValueError("bug"), None])
    runs: list[str] = []

    async def loop() -> None:
        runs.append("run")
        if (error := next(failures)) is not None:
            raise error

    async with asyncio.timeout(5):
        await keep_running("test loop", loop, backoff=QUICK)
    assert runs == ["run", "run", "run"]


@pytest.mark.parametrize("healthy_after", [0.0, 30.0])
async def test_keep_running_stops_when_cancelled(healthy_after: float) -> None:
    started = asyncio.Event()

    async def forever() -> None:
        started.set()
        await asyncio.Event().wait()

    task = asyncio.create_task(
        keep_running("forever", forever, backoff=QUICK, healthy_after=healthy_after)
    )
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        async with asyncio.timeout(5):
            await task


async def test_until_done_waits_out_an_outage_but_raises_a_real_failure_at_once() -> None:
    outage = iter([OSError("down"), TimeoutError(), None])
    calls: list[int] = []

    async def flaky() -> None:
        calls.append(1)
        if (error := next(outage)) is not None:
            raise error

    await until_done("flaky", flaky, backoff=QUICK)
    assert len(calls) == 3

    async def broken() -> None:
        calls.append(1)
        raise ValueError("wrong")

    with pytest.raises(ValueError, match="wrong"):
        await until_done("broken", broken, backoff=QUICK)
    assert len(calls) == 4
