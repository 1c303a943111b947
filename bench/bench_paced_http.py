"""A paced HTTP/1.1 load generator for one endpoint: requests sent on a fixed schedule over
kept-alive connections, each answer read in a protocol callback.

The load runs on the same two cores as the platform it measures, so what it spends the services
cannot have. aiohttp's client, with a task and a future for every call, spent 340-510 µs of CPU
a call on this machine; this one spends about a quarter of that, as a load generator written
for the job would. Every request is encoded before the clock starts; each is timed from the
moment its turn came (waiting for a free connection included) to the last byte of its answer,
and the answer is checked (status and body), as a client would.
"""

import asyncio
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

from bench_single import GRACE, Run, collector_paused, percentile_ms

CONNECTIONS = 64


def encode_posts(
    base_url: str, path: str, headers: dict[str, str], bodies: Sequence[bytes]
) -> list[bytes]:
    """Each body as a whole HTTP/1.1 POST, ready to write."""
    url = urlsplit(base_url)
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    start = f"POST {path} HTTP/1.1\r\nHost: {url.netloc}\r\n{head}"
    return [f"{start}Content-Length: {len(body)}\r\n\r\n".encode() + body for body in bodies]


@dataclass
class _Waiting:
    number: int
    turn: float  # perf_counter when its turn came


class _Connection(asyncio.Protocol):
    """One kept-alive connection carrying one request at a time."""

    def __init__(self, load: "_PacedLoad") -> None:
        self._load = load
        self._buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.carrying: _Waiting | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, though they behave as one.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            return
        head = bytes(self._buffer[:end]).lower()
        length, status = _content_length(head), head[9:12]
        if length is None or not status.isdigit():  # an answer it cannot read: failed
            self._load.lost(self)
            return
        if len(self._buffer) < end + 4 + length:
            return
        body = bytes(self._buffer[end + 4 : end + 4 + length])
        del self._buffer[: end + 4 + length]
        self._load.answered(self, int(status), body)

    def connection_lost(self, exc: Exception | None) -> None:
        self._load.lost(self)


def _content_length(head: bytes) -> int | None:
    at = head.find(b"\r\ncontent-length:")
    if at < 0:
        return None
    value = head[at + 17 :].split(b"\r\n", 1)[0]
    return int(value) if value.strip().isdigit() else None


class _PacedLoad:
    def __init__(self, requests: list[bytes], accept: Callable[[int, bytes], bool]) -> None:
        self._requests, self._accept = requests, accept
        self._idle: deque[_Connection] = deque()
        self._queue: deque[_Waiting] = deque()
        self.latencies: list[float] = []
        self.late: list[float] = []
        self.outcomes = [0, 0]
        self.finished = asyncio.get_running_loop().create_future()

    def turn(self, number: int, due: float) -> None:
        now = time.perf_counter()
        self.late.append(now - due)
        self._queue.append(_Waiting(number, now))
        if self._idle:
            self._send(self._idle.popleft())

    def _send(self, connection: _Connection) -> None:
        waiting = self._queue.popleft()
        connection.carrying = waiting
        assert connection.transport is not None
        connection.transport.write(self._requests[waiting.number])

    def answered(self, connection: _Connection, status: int, body: bytes) -> None:
        waiting, connection.carrying = connection.carrying, None
        if waiting is not None:
            self._record(waiting, ok=self._accepted(status, body))
        if self._queue:
            self._send(connection)
        else:
            self._idle.append(connection)

    def _accepted(self, status: int, body: bytes) -> bool:
        # An answer the check cannot read (not JSON, no decision) is a failed call, not an
        # error in the loop's callback that would leave the call waiting out the grace.
        try:
            return self._accept(status, body)
        except (ValueError, KeyError, TypeError):
            return False

    def lost(self, connection: _Connection) -> None:
        if connection in self._idle:
            self._idle.remove(connection)
        waiting, connection.carrying = connection.carrying, None
        if waiting is not None:
            self._record(waiting, ok=False)
        if connection.transport is not None:
            connection.transport.close()

    def _record(self, waiting: _Waiting, *, ok: bool) -> None:
        self.latencies.append(time.perf_counter() - waiting.turn)
        self.outcomes[ok] += 1
        if len(self.latencies) == len(self._requests) and not self.finished.done():
            self.finished.set_result(None)

    def opened(self, connection: _Connection) -> None:
        self._idle.append(connection)


@dataclass(frozen=True)
class PacedRun:
    """What the generator measured, and how late it gave each request its turn."""

    run: Run
    late_p99_ms: float


async def paced_posts(
    base_url: str,
    requests: list[bytes],
    *,
    rate: float,
    accept: Callable[[int, bytes], bool],
) -> PacedRun:
    """Send `requests` in order, `rate` a second, however long each answer takes; a request
    with no answer within the grace after the last one's turn counts as failed."""
    loop = asyncio.get_running_loop()
    url = urlsplit(base_url)
    load = _PacedLoad(requests, accept)
    connections = []
    for _ in range(CONNECTIONS):
        _, connection = await loop.create_connection(
            lambda: _Connection(load), url.hostname, url.port
        )
        connections.append(connection)
        load.opened(connection)
    with collector_paused():
        # The loop's clock counts whole milliseconds: how late a turn came is known to about
        # one.
        first = loop.time() + 0.05
        began = time.perf_counter() + (first - loop.time())
        turns = [
            loop.call_at(first + number / rate, load.turn, number, began + number / rate)
            for number in range(len(requests))
        ]
        await asyncio.wait({load.finished}, timeout=len(requests) / rate + GRACE)
    for turn in turns:
        turn.cancel()
    answered, latencies = list(load.outcomes), list(load.latencies)
    for connection in connections:
        if connection.transport is not None:
            connection.transport.close()
    late = sorted(load.late)
    return PacedRun(
        Run(answered[1], len(requests) - answered[1], time.perf_counter() - began, latencies),
        round(percentile_ms(late, 0.99), 1) if late else 0.0,
    )
