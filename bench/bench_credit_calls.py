"""Paced calls for the credit benchmark: credit checks over HTTP, the same decision by raw SQL,
and payments timed until credit-svc counts them in `available`."""

import asyncio
import contextlib
import json
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable

import aiohttp
import asyncpg
from bench_single import GRACE, p50_p99

CHECK_AMOUNT = "1.00"

# The check's decision and reservation, written directly: standing (open receivables, live
# reservations, limit, open holds) read in one statement, then the reservation inserted, in one
# transaction per order, under the customer's advisory lock as the service takes it.
STANDING = """
SELECT
  COALESCE((SELECT sum(open_amount) FROM receivables
            WHERE customer_id = $1 AND open_amount > 0), 0)
  + COALESCE((SELECT sum(amount) FROM credit_reservations
              WHERE customer_id = $1 AND status = 'live' AND expires_at > now()), 0) AS exposure,
  (SELECT amount FROM credit_limits WHERE customer_id = $1 AND status = 'active') AS credit_limit,
  EXISTS (SELECT 1 FROM credit_holds
          WHERE customer_id = $1 AND released_at IS NULL) AS on_hold
"""
RESERVE = """
INSERT INTO credit_reservations
  (id, customer_id, currency, amount, order_reference, expires_at, status, created_at)
VALUES ($1, $2, 'EUR', $3, $4, now() + interval '14 days', 'live', now())
"""


async def settled(call: Callable[[int], Awaitable[bool]], within: float = 90.0) -> None:
    """Wait until a lone call answers within 100 ms twice in a row: the backlog a phase left on
    the server (requests its clients gave up on) is not charged to the next phase."""
    deadline, quick, n = time.monotonic() + within, 0, 0
    while quick < 2 and time.monotonic() < deadline:
        started = time.perf_counter()
        with contextlib.suppress(aiohttp.ClientError, TimeoutError, asyncpg.PostgresError):
            await call(n)
        quick = quick + 1 if time.perf_counter() - started < 0.1 else 0
        n += 1
        await asyncio.sleep(0.2)


def check_body(customers: list[str], tag: str, n: int) -> bytes:
    """The n-th order's check: 1.00 for the next customer in turn, reserved if approved."""
    body = {
        "customer_id": customers[n % len(customers)],
        "amount": CHECK_AMOUNT,
        "currency": "EUR",
        "order_reference": f"{tag}-{n}",
        "reserve": True,
    }
    return json.dumps(body).encode()


def approved(status: int, body: bytes) -> bool:
    return status == 200 and json.loads(body)["decision"] == "approved"


def http_check(
    client: aiohttp.ClientSession, customers: list[str], tag: str
) -> Callable[[int], Awaitable[bool]]:
    async def call(n: int) -> bool:
        data = check_body(customers, tag, n)
        async with client.post("/v1/credit-checks", data=data) as response:
            return approved(response.status, await response.read())

    return call


def sql_check(
    pool: asyncpg.Pool, customers: list[str], tag: str
) -> Callable[[int], Awaitable[bool]]:
    async def call(n: int) -> bool:
        customer = customers[n % len(customers)]
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", customer)
            row = await conn.fetchrow(STANDING, customer)
            approved = (
                not row["on_hold"]
                and row["credit_limit"] is not None
                and row["exposure"] + 100 <= row["credit_limit"]
            )
            if approved:
                await conn.execute(RESERVE, f"{tag}-{n}", customer, 100, f"{tag}-{n}")
            return bool(approved)

    return call


class PaymentsSeen:
    """POSTs 10.00 payments and times each from the ledger's answer until credit-svc's
    receivables (what `available` is computed from on every read) show it.

    One watcher reads every waiting customer's receivables in one query every 5 ms. (Each
    payment polling on its own flooded credit's database with thousands of queries a second
    at 200 payments/s, on the cores the services being measured run on.) Payments of one
    customer are told apart by count: its j-th payment is visible once its receivables have
    dropped by j times 10.00 since the phase began."""

    AMOUNT_MINOR = 1000
    QUERY = """
    SELECT customer_id, COALESCE(sum(open_amount), 0) AS open FROM receivables
    WHERE customer_id = ANY($1::text[]) GROUP BY customer_id
    """

    def __init__(
        self, ledger: aiohttp.ClientSession, pool: asyncpg.Pool, customers: list[str]
    ) -> None:
        self._ledger, self._pool, self._customers = ledger, pool, customers
        self.seen: list[float] = []
        self._baseline: dict[str, int] = {}
        self._sent: dict[str, int] = defaultdict(int)
        # customer -> [(its j-th payment, when the ledger answered, resolved when visible)]
        self._waiting: dict[str, list[tuple[int, float, asyncio.Future[None]]]] = {}

    async def _open(self, customers: list[str]) -> dict[str, int]:
        rows = await self._pool.fetch(self.QUERY, customers)
        return {row["customer_id"]: int(row["open"]) for row in rows}

    async def watch(self) -> None:
        """Resolve waiting payments as they show, until cancelled."""
        self._baseline = await self._open(self._customers)
        while True:
            if self._waiting:
                amounts = await self._open(list(self._waiting))
                now = time.perf_counter()
                for customer, waiting in list(self._waiting.items()):
                    dropped = self._baseline.get(customer, 0) - amounts.get(customer, 0)
                    for entry in [e for e in waiting if dropped >= e[0] * self.AMOUNT_MINOR]:
                        self.seen.append(now - entry[1])
                        entry[2].set_result(None)
                        waiting.remove(entry)
                    if not waiting:
                        del self._waiting[customer]
            await asyncio.sleep(0.005)

    async def call(self, n: int) -> bool:
        customer = self._customers[n % len(self._customers)]
        self._sent[customer] += 1
        nth = self._sent[customer]
        body = {
            "customer_id": customer,
            "amount": "10.00",
            "currency": "EUR",
            "received_on": "2026-03-02",
            "reference": f"BENCH-VISIBLE-{n}",
        }
        headers = {"Idempotency-Key": f"bench-visible-{n}"}
        async with self._ledger.post(
            "/v1/payments", data=json.dumps(body).encode(), headers=headers
        ) as r:
            await r.read()
            if r.status != 201:
                return False
        shown: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(customer, []).append((nth, time.perf_counter(), shown))
        try:
            await asyncio.wait_for(shown, GRACE)
        except TimeoutError:
            return False
        return True


# Where a payment's time goes on its way to credit-svc, from the databases' own clocks (one
# Postgres server): the ledger's outbox row (written in the payment's transaction, then marked
# published once the broker acknowledged its batch) and credit's inbox row (written when its
# consumer applies the event, at the start of that transaction).
LEDGER_PAYMENTS = """
SELECT id::text AS event_id, occurred_at, published_at FROM outbox
WHERE type = 'ledger.payment_received.v1' AND occurred_at >= $1
"""
CREDIT_RECEIVED = "SELECT event_id, received_at FROM inbox WHERE event_id = ANY($1::text[])"


async def payment_stages(ledger: asyncpg.Pool, credit: asyncpg.Pool, since: object) -> dict:
    """p50/p99 in ms of each stage for the payments recorded since `since` (a timestamptz):
    relay (the ledger's transaction until its event was acknowledged and marked published)
    and consumer (marked published until credit applied it; negative when credit applied it
    before the relay's mark, which follows the broker's acknowledgement)."""
    rows = await ledger.fetch(LEDGER_PAYMENTS, since)
    received = {
        r["event_id"]: r["received_at"]
        for r in await credit.fetch(CREDIT_RECEIVED, [r["event_id"] for r in rows])
    }
    relay, consumer, whole = [], [], []
    for r in rows:
        if r["published_at"] is None or r["event_id"] not in received:
            continue
        relay.append((r["published_at"] - r["occurred_at"]).total_seconds())
        consumer.append((received[r["event_id"]] - r["published_at"]).total_seconds())
        whole.append((received[r["event_id"]] - r["occurred_at"]).total_seconds())

    return {
        "payments": len(rows),
        "applied": len(whole),
        "relay": p50_p99(relay),
        "consumer": p50_p99(consumer),
        "recorded_to_applied": p50_p99(whole),
    }
