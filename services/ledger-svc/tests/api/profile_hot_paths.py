"""CPU and round trips per recorded payment, in-process against the real app and database.

Not part of the suite (the file name is not collected): run it by name,
  pytest services/ledger-svc/tests/api/profile_hot_paths.py -s
and it prints, for `POST /v1/payments` as a cashier's system sends it (an Idempotency-Key,
no invoices named: applied to the oldest open invoice), the CPU time per call (the app's share
apart from the test client's; a liveness probe gives the web stack's floor), the statements
sent to Postgres per call, then the heaviest functions under cProfile. CPU time, not wall
time: the database's work and waiting for it are not counted, so the figures move less with
the machine's load. cProfile's own cost falls on every resumed coroutine frame and inflates
the deep ASGI stack: read its lists for proportions, the unprofiled lines for cost.
"""

import cProfile
import io
import itertools
import os
import pstats
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from asyncpg.prepared_stmt import PreparedStatement

from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_platform.app import build_app
from ledgerflow_platform.testing import KeyPair

from ..conftest import RegisterCustomer
from .payments.payment_steps import issue

CALLS = int(os.environ.get("PROFILE_CALLS", "300"))
APP_CPU = [0.0]
TOP = int(os.environ.get("PROFILE_TOP", "40"))


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app as it is served: no dependency overridden (an override costs per request)."""
    app = build_app(SPEC, settings)
    async with LifespanManager(app) as manager:
        served = manager.app

        async def timed(scope: Any, receive: Any, send: Any) -> None:
            # The server's share alone: requests are sent one at a time, so the CPU spent
            # between entering and leaving the app is this request's.
            started = time.process_time()
            try:
                await served(scope, receive, send)
            finally:
                APP_CPU[0] += time.process_time() - started

        transport = httpx.ASGITransport(app=timed)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            yield c


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


def _report(title: str, seconds: float, calls: int, profile: cProfile.Profile) -> None:
    print(f"\n== {title}: {seconds / calls * 1000:.2f} ms CPU per call over {calls} calls")
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).strip_dirs()
    # PROFILE_ONLY: a pattern of the functions to list (e.g. "ledger|ledgerflow|sqlalchemy").
    only = (os.environ["PROFILE_ONLY"],) if os.environ.get("PROFILE_ONLY") else ()
    stats.sort_stats("cumulative").print_stats(*only, TOP)
    stats.sort_stats("tottime").print_stats(*only, TOP)
    if os.environ.get("PROFILE_CALLERS"):
        stats.print_callers(os.environ["PROFILE_CALLERS"])
    print(out.getvalue())


async def test_cpu_per_recorded_payment(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: RegisterCustomer
) -> None:
    customers = []
    for _ in range(20):
        customer = await register_customer()
        await issue(client, auth_keys, customer, "100000.00")
        customers.append(customer)
    headers = auth_keys.auth("cashier")

    async def pay(n: int) -> None:
        response = await client.post(
            "/v1/payments",
            json={
                "customer_id": customers[n % len(customers)],
                "amount": "10.00",
                "currency": "EUR",
                "received_on": "2026-03-02",
                "reference": f"PROFILE-{n}",
            },
            headers={**headers, "Idempotency-Key": f"profile-{n}"},
        )
        assert response.status_code == 201, response.text
        assert response.json()["allocations"], response.text

    for n in range(50):
        await pay(-n - 1)
    APP_CPU[0] = 0.0
    for _ in range(CALLS):
        assert (await client.get("/health/live")).status_code == 200
    print(f"\n== GET /health/live: {APP_CPU[0] / CALLS * 1000:.2f} ms in the app")
    with statements_sent() as sent:
        await pay(-1000)
    print(f"\n== statements per payment: {sum(sent.values())}")
    for query, times in sent.items():
        print(f"   {times} x {query}")
    # In runs of 50: the machine's other work inflates some runs, so the quickest and the
    # median run are shown beside the mean.
    runs: list[float] = []
    started, APP_CPU[0] = time.process_time(), 0.0
    for n in range(CALLS):
        if n % 50 == 0:
            runs.append(APP_CPU[0])
        await pay(n)
    plain = time.process_time() - started
    runs.append(APP_CPU[0])
    per_call = sorted((b - a) / 50 * 1000 for a, b in itertools.pairwise(runs))
    print(
        f"\n== payment: {plain / CALLS * 1000:.2f} ms CPU per call with the test client, "
        f"{APP_CPU[0] / CALLS * 1000:.2f} ms in the app (unprofiled; runs of 50: quickest "
        f"{per_call[0]:.2f} ms, median {per_call[len(per_call) // 2]:.2f} ms)"
    )
    profile = cProfile.Profile(time.process_time)
    started = time.process_time()
    profile.enable()
    for n in range(CALLS, 2 * CALLS):
        await pay(n)
    profile.disable()
    _report("payment (profiled)", time.process_time() - started, CALLS, profile)
