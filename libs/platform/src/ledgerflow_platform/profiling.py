"""Measuring a service's hot paths in-process: the CPU a request spends inside the app, the
statements it sends to Postgres, and cProfile's lists. For the profiling scripts the services
keep beside their API tests (run by name, not collected by the suite).

CPU time, not wall time: the database's work and waiting for it are not counted, so the
figures move less with the machine's load. cProfile's own cost falls on every resumed
coroutine frame and inflates the deep ASGI stack: read its lists for proportions, the
unprofiled figures for cost.
"""

import cProfile
import io
import os
import pstats
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from aiokafka import ConsumerRecord
from asgi_lifespan import LifespanManager
from asyncpg.prepared_stmt import PreparedStatement
from sqlalchemy import text

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.testing import as_record, cloud_event
from ledgerflow_platform.app import build_app
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec
from ledgerflow_platform.testing import EventDelivery

CALLS = int(os.environ.get("PROFILE_CALLS", "300"))
TOP = int(os.environ.get("PROFILE_TOP", "40"))


@dataclass
class AppCpu:
    """CPU seconds spent inside the app, summed over the requests sent so far."""

    seconds: float = 0.0


@asynccontextmanager
async def timed_client(
    spec: ServiceSpec, settings: ServiceSettings, cpu: AppCpu
) -> AsyncIterator[httpx.AsyncClient]:
    """The app as it is served (no dependency overridden: an override costs per request),
    adding the CPU each request spends inside it to `cpu`."""
    app = build_app(spec, settings)
    async with LifespanManager(app) as manager:
        served = manager.app

        async def timed(scope: Any, receive: Any, send: Any) -> None:
            # The server's share alone: requests are sent one at a time, so the CPU spent
            # between entering and leaving the app is this request's.
            started = time.process_time()
            try:
                await served(scope, receive, send)
            finally:
                cpu.seconds += time.process_time() - started

        transport = httpx.ASGITransport(app=timed)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


@contextmanager
def statements_sent() -> Iterator[Counter[str]]:
    """Every statement sent to Postgres meanwhile (each a round trip), by its first words:
    asyncpg's entry points, as SQLAlchemy and the direct driver calls both reach them."""
    sent: Counter[str] = Counter()
    patched: list[tuple[type, str, Any]] = []

    def count(owner: type, name: str, query_of: Callable[..., str | None]) -> None:
        original = getattr(owner, name)

        async def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
            query = query_of(self, *args, **kwargs)
            if query is not None:
                sent[" ".join(query.split())[:60]] += 1
            return await original(self, *args, **kwargs)

        patched.append((owner, name, original))
        setattr(owner, name, counted)

    connection = asyncpg.connection.Connection
    # With arguments, execute goes through _execute; without, it is one simple query.
    count(connection, "execute", lambda _, q, *a, **k: None if a else q)
    count(connection, "_execute", lambda _, q, *a, **k: q)
    count(connection, "executemany", lambda _, q, *a, **k: q)
    count(connection, "prepare", lambda _, q, *a, **k: f"(prepare) {q}")
    count(
        PreparedStatement,
        "_PreparedStatement__bind_execute",
        lambda s, *a, **k: s.get_query(),
    )
    count(PreparedStatement, "executemany", lambda s, *a, **k: s.get_query())
    try:
        yield sent
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)


def report(title: str, seconds: float, calls: int, profile: cProfile.Profile) -> None:
    """The CPU per call and cProfile's heaviest functions, by cumulative and by own time;
    PROFILE_ONLY narrows the lists to a pattern (e.g. "ledger|ledgerflow|sqlalchemy"),
    PROFILE_CALLERS lists who calls the functions matching it."""
    print(f"\n== {title}: {seconds / calls * 1000:.2f} ms CPU per call over {calls} calls")
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).strip_dirs()
    only = (os.environ["PROFILE_ONLY"],) if os.environ.get("PROFILE_ONLY") else ()
    stats.sort_stats("cumulative").print_stats(*only, TOP)
    stats.sort_stats("tottime").print_stats(*only, TOP)
    if os.environ.get("PROFILE_CALLERS"):
        stats.print_callers(os.environ["PROFILE_CALLERS"])
    print(out.getvalue())


class Feed:
    """Consumed records as one partition of the producers' topics delivers them, numbered on
    from one feed to the next: what a worker's InboxConsumer is handed to apply."""

    def __init__(self) -> None:
        self.offset = 0

    def records(self, events: list[EventData]) -> list[ConsumerRecord[bytes, bytes]]:
        out = []
        for data in events:
            self.offset += 1
            out.append(
                as_record(cloud_event(data), topic=f"{data.producer}.events", offset=self.offset)
            )
        return out


async def backend_pids(delivery: EventDelivery) -> list[int]:
    """The Postgres backends serving a service's database: whose CPU a consumer also costs."""
    async with delivery.processor._sessions() as session:
        rows = await session.execute(
            text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_type = 'client backend'"
            )
        )
        return [r.pid for r in rows]


def cpu_seconds_of(pids: list[int]) -> float:
    """User and system CPU seconds these processes have spent, from /proc (a backend gone is
    counted as nothing)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total
