"""`serve` runs a service's API and worker as two processes under a supervisor: both live and
die together, whatever stops them."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

# Each process writes down who it is, where its metrics go and the port of the socket it was
# handed (0 for none), then idles until told to stop.
HALF = """
import os, pathlib, socket, sys, time
metrics = os.environ["PROMETHEUS_MULTIPROC_DIR"]
fd = os.environ.get("LEDGERFLOW_LISTEN_FD") if sys.argv[2] == "api" else None
port = socket.socket(fileno=int(fd)).getsockname()[1] if fd else 0
note = pathlib.Path(sys.argv[1], f"{sys.argv[2]}-{os.getpid()}")
note.with_suffix(".tmp").write_text(f"{os.getpid()} {metrics} {port}")
note.with_suffix(".tmp").rename(note)
while True:
    time.sleep(0.05)
"""
SUPERVISOR = """
import sys
from ledgerflow_platform.supervisor import supervise
listen = ("127.0.0.1", int(sys.argv[3]))
sys.exit(supervise([sys.executable, sys.argv[1], sys.argv[2]], listen=listen, api_processes=2))
"""


def until(condition: Callable[[], bool], within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.05)


def gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Service:
    def __init__(self, tmp_path: Path) -> None:
        half = tmp_path / "half.py"
        half.write_text(HALF)
        self.dir = tmp_path
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", SUPERVISOR, str(half), str(tmp_path), str(self.port)]
        )

    def started(self) -> "Service":
        until(lambda: sum(len(p) for p in self.notes().values()) == 3)
        return self

    def notes(self) -> dict[str, list[tuple[int, Path, int]]]:
        found: dict[str, list[tuple[int, Path, int]]] = {}
        for note in self.dir.glob("*-*"):
            if note.suffix != ".tmp":
                pid, metrics, port = note.read_text().split()
                found.setdefault(note.name.split("-")[0], []).append(
                    (int(pid), Path(metrics), int(port))
                )
        return {k: sorted(v) for k, v in found.items()}

    def half(self, name: str) -> tuple[int, Path]:
        pid, metrics, _ = self.notes()[name][0]
        return pid, metrics


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    running = Service(tmp_path)
    try:
        yield running.started()
    finally:
        # SIGTERM, so the supervisor stops its processes even when a test failed early.
        if running.process.poll() is None:
            running.process.terminate()
            running.process.wait(20)


def test_api_processes_share_the_listening_socket_and_all_share_one_metrics_directory(
    service: Service,
) -> None:
    notes = service.notes()
    [(_, worker_metrics, no_socket)] = notes["worker"]
    assert [(m, port) for _, m, port in notes["api"]] == [(worker_metrics, service.port)] * 2
    assert no_socket == 0
    assert worker_metrics.is_dir()
    with socket.create_connection(("127.0.0.1", service.port), timeout=5):
        pass  # the supervisor's socket takes connections for the API processes


def test_every_process_stops_with_the_service(service: Service) -> None:
    pids = [pid for processes in service.notes().values() for pid, _, _ in processes]
    _, metrics = service.half("worker")

    service.process.send_signal(signal.SIGTERM)

    assert service.process.wait(20) == 0
    assert all(gone(pid) for pid in pids)
    assert not metrics.exists()


def test_when_one_half_dies_the_service_ends_and_takes_the_other_half_with_it(
    service: Service,
) -> None:
    (api, _), (worker, _) = service.half("api"), service.half("worker")

    os.kill(worker, signal.SIGKILL)

    assert service.process.wait(20) != 0
    until(lambda: gone(api))


def test_a_supervisor_killed_outright_leaves_no_half_behind(service: Service) -> None:
    (api, _), (worker, _) = service.half("api"), service.half("worker")

    service.process.kill()
    service.process.wait()

    until(lambda: gone(api) and gone(worker))
