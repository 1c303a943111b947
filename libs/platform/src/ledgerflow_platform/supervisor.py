"""`serve`: a service's API and its worker as separate processes under one supervisor.

In one process the worker's bursts (the relay encoding hundreds of events for the broker,
a consumer applying a backlog) stall the event loop that answers HTTP, and everything shares
one core. Two processes keep request latency to the API's own work and let the two halves
use two cores. Where the API is the busy half, several API processes can share its listening
socket, which the supervisor opens: the kernel hands each connection to one of them.

The halves are forked from the supervisor after it has imported the service, so a half costs
no import of its own: a half that dies (a crash, an OOM kill, `kill -9`) is forked again at
once, then after a growing, jittered wait while it keeps dying, and the other half carries
on. The socket stays open meanwhile, so clients of a restarting API wait in its backlog
instead of being refused. The supervisor passes SIGTERM and SIGINT on and ends when asked;
killed outright, it takes its halves with it (PR_SET_PDEATHSIG).

All of them record Prometheus metrics in one directory (prometheus_client's multiprocess
mode, which must be chosen before the service is imported: cli.py sees to it), and any API
process's /metrics reports them together: the worker's relay and consumer figures included.
"""

import contextlib
import ctypes
import logging
import os
import random
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import FrameType

from prometheus_client import multiprocess

METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR"
LISTEN_FD = "LEDGERFLOW_LISTEN_FD"
_BACKLOG = 2048
_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.1
_STOP_SECONDS = 15.0
# A half that stayed up this long was healthy: should it die, it is forked again at once.
_HEALTHY_AFTER_S = 30.0
_FIRST_WAIT_S = 0.5
_LONGEST_WAIT_S = 15.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Half:
    """One process of the service: its name (`api`, `worker`) and what it runs, forked."""

    name: str
    run: Callable[[], None]
    listens: bool = False


@dataclass
class _Slot:
    half: Half
    pid: int | None = None
    started_at: float = 0.0
    deaths: int = 0
    due_at: float = 0.0
    restarts: int = 0


def supervise(halves: Sequence[Half], *, listen: tuple[str, int] | None = None) -> int:
    """Fork every half and keep them running until a stop signal; 0 once they are stopped.
    With `listen`, the halves that listen share a socket bound to (host, port)."""
    stopping: list[int] = []

    def stop(signum: int, _: FrameType | None) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with contextlib.ExitStack() as resources:
        sock = resources.enter_context(_listening(*listen)) if listen is not None else None
        slots = [_Slot(half) for half in halves]
        try:
            while not stopping:
                _reap(slots)
                now = time.monotonic()
                for slot in slots:
                    if slot.pid is None and now >= slot.due_at and not stopping:
                        _fork(slot, sock)
                time.sleep(_POLL_SECONDS)
            return 0
        finally:
            _stop([s.pid for s in slots if s.pid is not None])


def _fork(slot: _Slot, sock: socket.socket | None) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        _become(slot.half, sock, parent)
    slot.pid, slot.started_at = pid, time.monotonic()
    if slot.restarts:
        log.warning("%s forked again as pid %d (restart %d)", slot.half.name, pid, slot.restarts)


def _become(half: Half, sock: socket.socket | None, parent: int) -> None:
    """In the forked child: run the half, never return into the supervisor's loop."""
    code = 1
    try:
        _die_with_parent()
        if os.getppid() != parent:
            return  # the supervisor died before we could ask to be told
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, signal.SIG_DFL)
        if half.listens and sock is not None:
            os.environ[LISTEN_FD] = str(sock.fileno())
        elif sock is not None:
            sock.close()
        half.run()
        code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _reap(slots: list[_Slot]) -> None:
    for slot in slots:
        if slot.pid is None:
            continue
        try:
            pid, status = os.waitpid(slot.pid, os.WNOHANG)
        except ChildProcessError:
            pid, status = slot.pid, 0
        if pid == 0:
            continue
        now = time.monotonic()
        if now - slot.started_at >= _HEALTHY_AFTER_S:
            slot.deaths = 0
        wait = 0.0 if slot.deaths == 0 else _FIRST_WAIT_S * 2 ** (slot.deaths - 1)
        slot.deaths += 1
        slot.restarts += 1
        slot.due_at = now + min(_LONGEST_WAIT_S, wait) * random.uniform(0.75, 1.25)
        log.warning(
            "%s (pid %d) %s; forking it again in %.1fs",
            slot.half.name,
            pid,
            _how_it_ended(status),
            slot.due_at - now,
        )
        slot.pid = None
        if METRICS_DIR in os.environ:
            # its live gauges no longer count
            multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]


def _how_it_ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"was killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exited with status {os.waitstatus_to_exitcode(status)}"


def _listening(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(_BACKLOG)
    sock.set_inheritable(True)
    return sock


def _stop(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + _STOP_SECONDS
    waiting = set(pids)
    while waiting and time.monotonic() < deadline:
        for pid in list(waiting):
            try:
                if os.waitpid(pid, os.WNOHANG)[0] != 0:
                    waiting.discard(pid)
            except ChildProcessError:
                waiting.discard(pid)
        time.sleep(0.02)
    for pid in waiting:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _die_with_parent() -> None:
    # Should the supervisor be killed outright, its halves are told to stop, not orphaned.
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
