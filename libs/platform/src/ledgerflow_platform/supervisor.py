"""`serve`: a service's API and its worker as two processes under one supervisor.

In one process the worker's bursts (the relay encoding hundreds of events for the broker,
a consumer applying a backlog) stall the event loop that answers HTTP, and everything shares
one core. Two processes keep request latency to the API's own work and let the two halves
use two cores. The supervisor is what the outside sees as the service: it starts both, passes
SIGTERM and SIGINT on, and ends when either ends, stopping the other, so a half-dead service
never looks alive.

Both halves record Prometheus metrics in one directory (prometheus_client's multiprocess
mode), and the API's /metrics reports them together: the worker's relay and consumer figures
included.
"""

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from types import FrameType

METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR"
_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.2
_STOP_SECONDS = 15.0


def supervise(command: Sequence[str], halves: Sequence[str] = ("worker", "api")) -> int:
    """Run `command + [half]` for each half until one ends or a stop signal comes; the exit
    status is that of the half that ended first (0 when asked to stop)."""
    metrics = tempfile.mkdtemp(prefix="ledgerflow-metrics-")
    env = {**os.environ, METRICS_DIR: metrics}
    stopping: list[int] = []

    def stop(signum: int, _: FrameType | None) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    children = [
        subprocess.Popen([*command, half], env=env, preexec_fn=_die_with_parent)  # noqa: S603
        for half in halves
    ]
    try:
        while not stopping:
            ended = [c for c in children if c.poll() is not None]
            if ended:
                return ended[0].returncode or 1
            time.sleep(_POLL_SECONDS)
        return 0
    finally:
        _stop(children)
        shutil.rmtree(metrics, ignore_errors=True)


def _stop(children: list["subprocess.Popen[bytes]"]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + _STOP_SECONDS
    for child in children:
        try:
            child.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _die_with_parent() -> None:
    # Should the supervisor be killed outright, its halves are told to stop, not orphaned.
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
