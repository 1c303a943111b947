"""`serve`: a service's API and its worker as separate processes under one supervisor.

In one process the worker's bursts (the relay encoding hundreds of events for the broker,
a consumer applying a backlog) stall the event loop that answers HTTP, and everything shares
one core. Two processes keep request latency to the API's own work and let the two halves
use two cores. Where the API is the busy half, several API processes can share its listening
socket, which the supervisor opens: the kernel hands each connection to one of them. The
supervisor is what the outside sees as the service: it starts both, passes
SIGTERM and SIGINT on, and ends when either ends, stopping the other, so a half-dead service
never looks alive.

All of them record Prometheus metrics in one directory (prometheus_client's multiprocess
mode), and any API process's /metrics reports them together: the worker's relay and consumer
figures included.
"""

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from types import FrameType

METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR"
LISTEN_FD = "LEDGERFLOW_LISTEN_FD"
_BACKLOG = 2048
_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.2
_STOP_SECONDS = 15.0


def supervise(
    command: Sequence[str],
    *,
    listen: tuple[str, int] | None = None,
    api_processes: int = 1,
) -> int:
    """Run `command + ["worker"]` and `command + ["api"]` (`api_processes` times) until one ends
    or a stop signal comes; the exit status is that of the process that ended first (0 when
    asked to stop). With `listen`, the API processes share a socket bound to (host, port)."""
    metrics = tempfile.mkdtemp(prefix="ledgerflow-metrics-")
    env = {**os.environ, METRICS_DIR: metrics}
    stopping: list[int] = []

    def stop(signum: int, _: FrameType | None) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with contextlib.ExitStack() as resources:
        shared: tuple[int, ...] = ()
        if listen is not None:
            sock = resources.enter_context(_listening(*listen))
            env[LISTEN_FD] = str(sock.fileno())
            shared = (sock.fileno(),)
        children = [
            subprocess.Popen(  # noqa: S603 - our own command line
                [*command, half],
                env=env,
                pass_fds=shared if half == "api" else (),
                preexec_fn=_die_with_parent,
            )
            for half in ("worker", *["api"] * api_processes)
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


def _listening(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(_BACKLOG)
    sock.set_inheritable(True)
    return sock


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
