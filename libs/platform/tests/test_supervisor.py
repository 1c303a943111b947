"""`serve` runs a service's API and worker as two processes under a supervisor: both live and
die together, whatever stops them."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

# Each half writes down who it is and where metrics go, then idles until told to stop.
HALF = """
import os, pathlib, sys, time
metrics = os.environ["PROMETHEUS_MULTIPROC_DIR"]
pathlib.Path(sys.argv[1], sys.argv[2]).write_text(f"{os.getpid()} {metrics}")
while True:
    time.sleep(0.05)
"""
SUPERVISOR = """
import sys
from ledgerflow_platform.supervisor import supervise
sys.exit(supervise([sys.executable, sys.argv[1], sys.argv[2]]))
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


class Service:
    def __init__(self, tmp_path: Path) -> None:
        half = tmp_path / "half.py"
        half.write_text(HALF)
        self.dir = tmp_path
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", SUPERVISOR, str(half), str(tmp_path)]
        )
        until(lambda: all((tmp_path / h).exists() for h in ("api", "worker")))
        until(lambda: all((tmp_path / h).read_text() for h in ("api", "worker")))

    def half(self, name: str) -> tuple[int, Path]:
        pid, metrics = (self.dir / name).read_text().split()
        return int(pid), Path(metrics)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    running = Service(tmp_path)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def test_both_halves_share_one_metrics_directory_and_stop_with_the_service(
    service: Service,
) -> None:
    (api, metrics), (worker, same) = service.half("api"), service.half("worker")
    assert metrics == same
    assert metrics.is_dir()

    service.process.send_signal(signal.SIGTERM)

    assert service.process.wait(20) == 0
    assert gone(api)
    assert gone(worker)
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
