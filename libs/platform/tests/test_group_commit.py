import asyncio
from collections.abc import Sequence

import pytest

from ledgerflow_platform.group_commit import GroupCommit


class Ledger:
    """A write that records each group it was given and answers every request in upper case;
    it can be held open, and refuses any group that holds "bad"."""

    def __init__(self) -> None:
        self.groups: list[list[str]] = []
        self.gate = asyncio.Event()
        self.gate.set()

    async def write(self, requests: Sequence[str]) -> list[str]:
        self.groups.append(list(requests))
        await self.gate.wait()
        if "bad" in requests:
            raise ValueError("the database refused the group")
        return [r.upper() for r in requests]


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_a_request_on_a_quiet_desk_is_written_at_once_alone() -> None:
    ledger = Ledger()
    desk = GroupCommit(ledger.write, lanes=1)

    assert await desk.submit("a") == "A"
    assert ledger.groups == [["a"]]


async def test_requests_that_queue_behind_a_busy_lane_share_the_next_group() -> None:
    ledger = Ledger()
    desk = GroupCommit(ledger.write, lanes=1)
    ledger.gate.clear()
    first = asyncio.create_task(desk.submit("a"))
    await settle()
    rest = [asyncio.create_task(desk.submit(r)) for r in "bcde"]
    await settle()
    assert desk.queued == 4

    ledger.gate.set()

    assert await asyncio.gather(first, *rest) == ["A", "B", "C", "D", "E"]
    assert ledger.groups == [["a"], ["b", "c", "d", "e"]]


async def test_every_lane_takes_a_group_and_no_group_outgrows_its_limit() -> None:
    ledger = Ledger()
    desk = GroupCommit(ledger.write, lanes=2, max_group=3)
    ledger.gate.clear()
    tasks = [asyncio.create_task(desk.submit(r)) for r in "abcdefgh"]
    await settle()
    ledger.gate.set()

    assert await asyncio.gather(*tasks) == list("ABCDEFGH")
    assert ledger.groups == [["a"], ["b"], ["c", "d", "e"], ["f", "g", "h"]]


async def test_requests_marked_alike_never_share_a_group_and_keep_their_order() -> None:
    ledger = Ledger()
    desk = GroupCommit(ledger.write, lanes=1, exclusive=lambda r: r[0])
    ledger.gate.clear()
    first = asyncio.create_task(desk.submit("x0"))
    await settle()
    rest = [asyncio.create_task(desk.submit(r)) for r in ("k1", "m1", "k2", "n1", "k3")]
    await settle()
    ledger.gate.set()

    await asyncio.gather(first, *rest)
    assert ledger.groups == [["x0"], ["k1", "m1", "n1"], ["k2"], ["k3"]]


async def test_a_failed_group_is_written_again_one_by_one_and_only_the_culprit_fails(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ledger = Ledger()
    desk = GroupCommit(ledger.write, lanes=1)
    ledger.gate.clear()
    first = asyncio.create_task(desk.submit("a"))
    await settle()
    rest = [asyncio.create_task(desk.submit(r)) for r in ("b", "bad", "c")]
    await settle()
    ledger.gate.set()

    outcomes = await asyncio.gather(first, *rest, return_exceptions=True)

    assert [outcomes[0], outcomes[1], outcomes[3]] == ["A", "B", "C"]
    assert isinstance(outcomes[2], ValueError)
    assert ledger.groups == [["a"], ["b", "bad", "c"], ["b"], ["bad"], ["c"]]
    assert [r.getMessage() for r in caplog.records] == ["a group of 3 failed; writing each alone"]


async def test_a_caller_who_gives_up_does_not_take_its_request_out_of_the_group() -> None:
    ledger = Ledger()
    desk = GroupCommit(ledger.write, lanes=1)
    ledger.gate.clear()
    first = asyncio.create_task(desk.submit("a"))
    await settle()
    gone = asyncio.create_task(desk.submit("b"))
    stays = asyncio.create_task(desk.submit("c"))
    await settle()
    gone.cancel()
    ledger.gate.set()

    assert await asyncio.gather(first, stays) == ["A", "C"]
    with pytest.raises(asyncio.CancelledError):
        await gone
    assert ledger.groups == [["a"], ["b", "c"]]
