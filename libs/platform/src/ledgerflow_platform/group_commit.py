"""Group commit: requests that arrive while earlier ones are being written share the next
transaction.

A write that takes one transaction per request pays the round trips, the locks and the
commit's flush once per request; under load they, not the work, set the pace. Here a request
that finds a lane free is written at once, alone, so a quiet service answers as fast as before;
one that finds every lane busy waits for the next free lane and is written with everything else
that queued meanwhile. The busier the service, the bigger the groups and the cheaper each
request. There is no timer: nothing ever waits for company.

A group is one transaction, so a failure of the group's write (not a refusal, which the write
answers per request) would fail requests that did nothing wrong: the group is then written
again one request at a time, and only the request that fails alone gets the error.
"""

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Request = TypeVar("Request")
Answer = TypeVar("Answer")

WriteGroup = Callable[[Sequence[Request]], Awaitable[Sequence[Answer]]]


@dataclass(frozen=True)
class _Waiting(Generic[Request, Answer]):
    request: Request
    answer: "asyncio.Future[Answer]"


class GroupCommit(Generic[Request, Answer]):
    """Writes requests in groups through `write`, which answers each request of a group, in
    order, within one transaction, in up to `lanes` transactions at once. `exclusive` names
    what two requests of one group must not share (say, an idempotency key): the later one
    waits for the next group."""

    def __init__(
        self,
        write: WriteGroup[Request, Answer],
        *,
        lanes: int = 2,
        max_group: int = 200,
        exclusive: Callable[[Request], Hashable | None] = lambda _: None,
    ) -> None:
        self._write = write
        self._lanes = lanes
        self._max_group = max_group
        self._exclusive = exclusive
        self._queue: deque[_Waiting[Request, Answer]] = deque()
        self._busy = 0
        self._running: set[asyncio.Task[None]] = set()

    async def submit(self, request: Request) -> Answer:
        """The request's answer, once the group it was written in has committed."""
        waiting: _Waiting[Request, Answer] = _Waiting(
            request, asyncio.get_running_loop().create_future()
        )
        self._queue.append(waiting)
        self._dispatch()
        # A caller that gives up (a client gone) cancels only its wait: the request stays in
        # its group, whose answers skip a cancelled wait.
        return await waiting.answer

    @property
    def queued(self) -> int:
        return len(self._queue)

    def _dispatch(self) -> None:
        while self._busy < self._lanes and self._queue:
            group = self._next_group()
            self._busy += 1
            task = asyncio.create_task(self._run(group))
            self._running.add(task)
            task.add_done_callback(self._running.discard)

    def _next_group(self) -> list[_Waiting[Request, Answer]]:
        group: list[_Waiting[Request, Answer]] = []
        taken: set[Hashable] = set()
        later: list[_Waiting[Request, Answer]] = []
        while self._queue and len(group) < self._max_group:
            waiting = self._queue.popleft()
            mark = self._exclusive(waiting.request)
            if mark is not None and mark in taken:
                later.append(waiting)
                continue
            if mark is not None:
                taken.add(mark)
            group.append(waiting)
        self._queue.extendleft(reversed(later))
        return group

    async def _run(self, group: list[_Waiting[Request, Answer]]) -> None:
        try:
            if len(group) == 1 or not await self._write_together(group):
                for waiting in group:
                    await self._write_alone(waiting)
        finally:
            # Only a cancelled write (shutdown) leaves answers open: their callers must not hang.
            for waiting in group:
                if not waiting.answer.done():
                    waiting.answer.cancel()
            self._busy -= 1
            self._dispatch()

    async def _write_together(self, group: list[_Waiting[Request, Answer]]) -> bool:
        try:
            answers = await self._write([w.request for w in group])
        except Exception:
            # Each request is tried again on its own; one that fails alone gets its error.
            log.warning("a group of %d failed; writing each alone", len(group), exc_info=True)
            return False
        for waiting, answer in zip(group, answers, strict=True):
            _settle(waiting.answer, answer)
        return True

    async def _write_alone(self, waiting: _Waiting[Request, Answer]) -> None:
        try:
            [answer] = await self._write([waiting.request])
        except Exception as failed:
            if not waiting.answer.done():
                waiting.answer.set_exception(failed)
            return
        _settle(waiting.answer, answer)


def _settle(future: "asyncio.Future[Answer]", answer: Answer) -> None:
    if not future.done():
        future.set_result(answer)
