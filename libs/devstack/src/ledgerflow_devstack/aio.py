"""Run a coroutine to completion from synchronous code, whether or not a loop is running.

The CLI has no loop; pytest-asyncio tests call fixture methods from inside one. A private
loop (not installed as the thread's current loop) keeps pytest-asyncio's loop untouched.
"""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _run_private(coro)
    # the caller's loop is blocked meanwhile, exactly as with any other blocking call
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ledgerflow-sync") as pool:
        return pool.submit(_run_private, coro).result()


def _run_private(coro: Coroutine[Any, Any, T]) -> T:
    with asyncio.Runner(loop_factory=asyncio.new_event_loop) as runner:
        return runner.run(coro)
