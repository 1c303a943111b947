"""`serve` runs a service's API and worker as processes forked by a supervisor: a half that
dies is forked again while the other carries on; stopping the supervisor stops them all."""

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

# Each half writes down who it is, where its metrics go and the port of the socket it was
# handed (0 for none), then idles until told to stop.
SUPERVISOR = """
import os, pathlib, socket, sys, time
from ledgerflow_platform.supervisor import Half, supervise

def half(name):
    def run():
        metrics = os.environ["PROMETHEUS_MULTIPROC_DIR"]
        fd = os.environ.get("LEDGERFLOW_LISTEN_FD") if name == "api" else None
        port = socket.socket(fileno=int(fd)).getsockname()[1] if fd else 0
        note = pathlib.Path(sys.argv[1], f"{name}-{os.getpid()}")
        note.with_suffix(".tmp").write_text(f"{os.getpid()} {metrics} {port}")
        note.with_suffix(".tmp").rename(note)
        while True:
            time.sleep(0.05)
    return run

api = Half("api", half("api"), listens=True)
listen = ("127.0.0.1", int(sys.argv[2]))
sys.exit(supervise([Half("worker", half("worker")), api, api], listen=listen))
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
        self.dir = tmp_path
        self.port = free_port()
        env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
        (tmp_path / "metrics").mkdir()
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", SUPERVISOR, str(tmp_path), str(self.port)], env=env
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

    service.process.send_signal(signal.SIGTERM)

    assert service.process.wait(20) == 0
    assert all(gone(pid) for pid in pids)


def test_a_half_that_dies_is_forked_again_and_the_other_carries_on(service: Service) -> None:
    (api, _), (worker, _) = service.half("api"), service.half("worker")

    os.kill(worker, signal.SIGKILL)
    until(lambda: len(service.notes()["worker"]) == 2)

    assert service.process.poll() is None
    assert not gone(api)
    [(_, metrics, no_socket)] = [w for w in service.notes()["worker"] if w[0] != worker]
    assert (metrics, no_socket) == (service.dir / "metrics", 0)


def test_connections_wait_in_the_backlog_while_every_api_process_restarts(
    service: Service,
) -> None:
    apis = [pid for pid, _, _ in service.notes()["api"]]
    for pid in apis:
        os.kill(pid, signal.SIGKILL)

    with socket.create_connection(("127.0.0.1", service.port), timeout=5):
        pass  # accepted by the supervisor's socket, not refused
    until(lambda: len(service.notes()["api"]) == 4)


def test_a_supervisor_killed_outright_leaves_no_half_behind(service: Service) -> None:
    (api, _), (worker, _) = service.half("api"), service.half("worker")

    service.process.kill()
    service.process.wait()

    until(lambda: gone(api) and gone(worker))
