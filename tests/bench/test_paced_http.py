"""The benchmark's paced HTTP generator counts only what it was answered as asked, does not
run ahead of its schedule, and counts a request the server dropped as failed, against a real
socket server."""

import asyncio
import gc
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from bench_paced_http import encode_posts, paced_posts
from bench_single import paced_calls

# Whether the cycle collector was on as each request was answered (in this process).
COLLECTOR_ON: list[bool] = []


async def _answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Kept-alive HTTP/1.1: `ok` answered 200 approved, `refuse` 422, `garble` 200 with a body
    that is not JSON, `drop` left unanswered with the connection closed; each answer's body
    arrives in two writes."""
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.lower().split(b"\r\n")
                if line.startswith(b"content-length:")
            )
            asked = json.loads(await reader.readexactly(length))["do"]
            COLLECTOR_ON.append(gc.isenabled())
            if asked == "drop":
                writer.close()
                return
            status = b"422 Unprocessable Entity" if asked == "refuse" else b"200 OK"
            body = b"<html>" if asked == "garble" else json.dumps({"decision": "approved"}).encode()
            writer.write(
                b"HTTP/1.1 " + status + b"\r\nContent-Type: application/json\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body[:5]
            )
            await writer.drain()
            writer.write(body[5:])
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()


@pytest.fixture
async def server() -> AsyncIterator[str]:
    listening = await asyncio.start_server(_answer, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    listening.close()


def accept(status: int, body: bytes) -> bool:
    return status == 200 and json.loads(body)["decision"] == "approved"


def requests(url: str, asked: list[str]) -> list[bytes]:
    bodies = [json.dumps({"do": a}).encode() for a in asked]
    return encode_posts(url, "/v1/credit-checks", {"Content-Type": "application/json"}, bodies)


async def test_every_answer_is_timed_and_only_approvals_count(server: str) -> None:
    asked = ["ok"] * 150 + ["refuse"] * 40 + ["garble"] * 10
    paced = await paced_posts(server, requests(server, asked), rate=400, accept=accept)
    assert (paced.run.accepted, paced.run.failed) == (150, 50)
    assert len(paced.run.latencies) == 200
    # 200 requests at 400 a second take half a second, however quickly each is answered.
    assert paced.run.seconds >= 0.49


async def test_a_dropped_request_fails_and_the_rest_go_on(server: str) -> None:
    asked = ["ok"] * 20 + ["drop"] + ["ok"] * 20
    paced = await paced_posts(server, requests(server, asked), rate=200, accept=accept)
    assert (paced.run.accepted, paced.run.failed) == (40, 1)


def test_a_request_is_written_whole() -> None:
    (request,) = encode_posts(
        "http://127.0.0.1:8003", "/v1/credit-checks", {"Authorization": "Bearer t"}, [b'{"a":1}']
    )
    assert request == (
        b"POST /v1/credit-checks HTTP/1.1\r\nHost: 127.0.0.1:8003\r\nAuthorization: Bearer t\r\n"
        b'Content-Length: 7\r\n\r\n{"a":1}'
    )


async def test_the_collector_is_off_while_the_generator_measures_and_on_after(server: str) -> None:
    COLLECTOR_ON.clear()
    await paced_posts(server, requests(server, ["ok"] * 20), rate=200, accept=accept)
    assert COLLECTOR_ON == [False] * 20
    assert gc.isenabled()

    async def call(n: int) -> bool:
        return gc.isenabled()

    paced = await paced_calls(call, rate=200, seconds=0.1)
    assert (paced.accepted, paced.failed) == (0, 20)
    assert gc.isenabled()
