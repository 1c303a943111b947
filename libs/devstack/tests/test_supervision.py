import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.restarts import RestartLog
from ledgerflow_devstack.stack import Stack
from ledgerflow_devstack.state import ProcessRecord, StateFile
from ledgerflow_devstack.supervision import Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    stack = Stack(StackConfig.isolated(tmp_path))
    try:
        yield stack
    finally:
        stack.down(timeout=5)


def gone(name: str) -> ProcessRecord:
    """The record of a process that was killed."""
    child = subprocess.Popen(SLEEPER)
    record = ProcessRecord.of(name, child.pid)
    child.kill()
    child.wait()
    return record


def test_the_state_lock_holds_across_processes(tmp_path: Path) -> None:
    state = StateFile(tmp_path / "processes.json")
    with state.locked(), state.locked():  # re-entrant within a process
        fd = os.open(state.path.with_suffix(".lock"), os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
    fd = os.open(state.path.with_suffix(".lock"), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)


def test_a_service_that_died_is_started_again_and_counted(stack: Stack) -> None:
    dead = gone("credit")
    stack.state.record(dead)

    Supervisor(stack).check_once()

    revived = stack.state.load()["credit"]
    assert revived.pid != dead.pid
    assert revived.is_alive()
    [credit] = [s for s in stack.status() if s.name == "credit"]
    assert (credit.running, credit.restarts) == (True, 1)
    restarts = RestartLog(stack.config.restarts_file).load()
    assert (restarts["credit"].count, restarts["credit"].last_reason) == (1, "started it again")


def test_what_was_stopped_on_purpose_stays_stopped(stack: Stack) -> None:
    sleeper = subprocess.Popen(SLEEPER)
    try:
        stack.state.record(ProcessRecord.of("collections", sleeper.pid))
        stack.stop_service("collections", timeout=5)

        Supervisor(stack).check_once()

        assert "collections" not in stack.state.load()
        assert RestartLog(stack.config.restarts_file).load() == {}
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_second_crash_in_a_row_waits_before_the_next_restart(stack: Stack) -> None:
    supervisor = Supervisor(stack)
    stack.state.record(gone("reporting"))
    supervisor.check_once()
    first = stack.state.load()["reporting"]
    first.terminate(timeout=5)

    supervisor.check_once()

    # still the dead one: the next try waits a second or so
    assert stack.state.load()["reporting"] == first
    assert RestartLog(stack.config.restarts_file).load()["reporting"].count == 1
