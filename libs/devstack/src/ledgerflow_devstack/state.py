"""What `up` started, recorded so `down` stops exactly those processes and nothing else.

A pid alone is not an identity: after a reboot or a long time the kernel hands it to an
unrelated process. The pair (pid, create time) is, so every check goes through it.
"""

import contextlib
import fcntl
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

# create_time is derived from boot time and clock ticks; allow for float rounding only
_SAME_START = 0.05


@dataclass(frozen=True)
class ProcessRecord:
    name: str
    pid: int
    create_time: float

    @classmethod
    def of(cls, name: str, pid: int) -> "ProcessRecord":
        return cls(name=name, pid=pid, create_time=psutil.Process(pid).create_time())

    def process(self) -> psutil.Process | None:
        """The live process this record names, or None if it is gone or the pid was reused."""
        try:
            proc = psutil.Process(self.pid)
            if abs(proc.create_time() - self.create_time) > _SAME_START:
                return None
            # a zombie has finished; only its parent's wait() is missing
            if proc.status() == psutil.STATUS_ZOMBIE:
                return None
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return None
        return proc

    def is_alive(self) -> bool:
        return self.process() is not None

    def terminate(self, timeout: float = 10.0) -> bool:
        """SIGTERM, then SIGKILL after `timeout`; False if the record names no live process."""
        alive = self.is_alive()
        terminate_all([self], timeout)
        return alive


def terminate_all(records: list["ProcessRecord"], timeout: float = 10.0) -> None:
    """Stop several processes at once, so the slowest bounds the wait, not the sum."""
    live = _signal([r for r in records if r.is_alive()], kill=False)
    stubborn = _wait_gone(live, timeout)
    _wait_gone(_signal(stubborn, kill=True), timeout)
    for record in records:
        # a child of ours that already exited stays a zombie until waited for
        with contextlib.suppress(ChildProcessError):
            os.waitpid(record.pid, os.WNOHANG)


def _signal(records: list[ProcessRecord], *, kill: bool) -> list[ProcessRecord]:
    for record in records:
        proc = record.process()
        if proc is not None:
            with contextlib.suppress(psutil.NoSuchProcess):
                proc.kill() if kill else proc.terminate()
    return records


def _wait_gone(records: list[ProcessRecord], timeout: float) -> list[ProcessRecord]:
    # not psutil.wait_procs: it waits for an orphan's zombie to be reaped by init, which
    # some inits do only every few seconds; a zombie has stopped, and that is all we need
    deadline = time.monotonic() + timeout
    while True:
        live = [r for r in records if r.is_alive()]
        if not live or time.monotonic() >= deadline:
            return live
        time.sleep(0.02)


class StateFile:
    """A JSON map from component name to the process that runs it: what should be running.

    The CLI, the tests and the supervisor all change it; `locked()` makes a read, decide and
    write one step across processes (and threads), so the supervisor never revives what a
    command is stopping on purpose."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._lock_file: int | None = None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        with self._thread_lock:
            if self._depth == 0:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(fd, fcntl.LOCK_EX)
                self._lock_file = fd
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._lock_file is not None:
                    # closing the descriptor releases the flock
                    os.close(self._lock_file)
                    self._lock_file = None

    def load(self) -> dict[str, ProcessRecord]:
        try:
            raw = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        return {name: ProcessRecord(**fields) for name, fields in raw.items()}

    def record(self, record: ProcessRecord) -> None:
        with self.locked():
            records = self.load()
            records[record.name] = record
            self._save(records)

    def forget(self, *names: str) -> None:
        with self.locked():
            records = self.load()
            for name in names:
                records.pop(name, None)
            self._save(records)

    def _save(self, records: dict[str, ProcessRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({n: asdict(r) for n, r in records.items()}, indent=2))
        # rename is atomic: an interrupted `up` never leaves half a file behind
        tmp.replace(self.path)
