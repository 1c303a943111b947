"""The faults, done to the running platform as an operator's worst day would."""

import asyncio
import signal

import psutil

from ledgerflow_devstack.stack import Stack


def _kill(processes: list[psutil.Process]) -> list[int]:
    killed = []
    for process in processes:
        try:
            process.send_signal(signal.SIGKILL)
            killed.append(process.pid)
        except psutil.NoSuchProcess:
            pass
    return killed


async def kill_api_and_worker(platform: Stack, service: str) -> list[int]:
    """kill -9 the two halves under a service's `serve`, leaving `serve` to notice."""
    halves = psutil.Process(platform.pids()[service]).children()
    assert len(halves) == 2, halves
    return _kill(halves)


async def kill_service(platform: Stack, service: str) -> list[int]:
    """kill -9 a whole service: `serve` and both halves at once."""
    serve = psutil.Process(platform.pids()[service])
    return _kill([serve, *serve.children()])


async def kill_broker(platform: Stack) -> list[int]:
    """kill -9 the memory-only broker: every topic, message and committed offset is gone."""
    return _kill([psutil.Process(platform.pids()["broker"])])


async def crash_postgres(platform: Stack) -> list[int]:
    """`pg_ctl stop -m immediate` under load: every connection cut mid-flight, no checkpoint.
    The platform's supervisor starts it again (crash recovery), as it would after a real crash;
    the fault does not restart it itself, which raced the supervisor doing the same."""
    crashed = await asyncio.to_thread(platform.postgres.crash)
    return [crashed.pid]
