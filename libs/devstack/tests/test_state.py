import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.stack import Stack
from ledgerflow_devstack.state import ProcessRecord, StateFile

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen[bytes]]:
    child = subprocess.Popen(SLEEPER)
    try:
        yield child
    finally:
        child.kill()
        child.wait()


def test_a_record_with_another_start_time_is_not_that_process(
    sleeper: subprocess.Popen[bytes],
) -> None:
    genuine = ProcessRecord.of("ledger", sleeper.pid)
    impostor = ProcessRecord("ledger", sleeper.pid, genuine.create_time - 3600)

    assert impostor.is_alive() is False
    assert impostor.terminate(timeout=1) is False
    assert psutil.Process(sleeper.pid).is_running()
    assert genuine.is_alive() is True


def test_terminate_stops_the_recorded_process(sleeper: subprocess.Popen[bytes]) -> None:
    record = ProcessRecord.of("ledger", sleeper.pid)
    assert record.terminate(timeout=5) is True
    assert sleeper.poll() is not None
    assert record.is_alive() is False


def test_the_state_file_round_trips_records(tmp_path: Path) -> None:
    state = StateFile(tmp_path / "run" / "processes.json")
    first, second = ProcessRecord("broker", 10, 1.5), ProcessRecord("ledger", 11, 2.25)
    state.record(first)
    state.record(second)
    state.forget("broker")
    assert state.load() == {"ledger": second}


def test_down_stops_only_processes_whose_identity_matches(tmp_path: Path) -> None:
    recorded, recycled = subprocess.Popen(SLEEPER), subprocess.Popen(SLEEPER)
    try:
        stack = Stack(StackConfig.isolated(tmp_path))
        state = StateFile(stack.config.state_file)
        state.record(ProcessRecord.of("customer", recorded.pid))
        real = ProcessRecord.of("ledger", recycled.pid)
        state.record(ProcessRecord("ledger", real.pid, real.create_time - 3600))

        assert stack.down(timeout=5) == ["customer"]

        assert recorded.poll() is not None
        assert recycled.poll() is None
        assert state.load() == {}
        assert stack.down(timeout=5) == []
    finally:
        for child in (recorded, recycled):
            child.kill()
            child.wait()
