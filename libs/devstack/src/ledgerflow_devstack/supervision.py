"""`ledgerflow supervise`: keeps the local platform's processes running, so a crash or a
`kill -9` recovers without anyone typing a command.

`up` starts it last, as a process of its own. Twice a second it compares what the state file
says should run with what does; a component that is gone is started again (Postgres, the
broker, a service): at once the first time, then after a growing, jittered wait while it
keeps dying. Every restart is logged (`logs/supervisor.log`) and counted (`ledgerflow
status`). A command that stops something on purpose forgets it in the state file first, so
it stays stopped. A new broker is empty: the outboxes are replayed into it, as `up` does.
"""

import logging
import os
import random
import signal
import time
from dataclasses import dataclass, field
from types import FrameType

from ledgerflow_devstack import services
from ledgerflow_devstack.config import SERVICES
from ledgerflow_devstack.errors import StackError
from ledgerflow_devstack.restarts import RestartLog
from ledgerflow_devstack.stack import SUPERVISOR, Stack
from ledgerflow_devstack.state import ProcessRecord

log = logging.getLogger("ledgerflow.supervisor")

WATCHED = ("postgres", "broker", "mail", *SERVICES)
CHECK_EVERY_S = 0.5
# A component that stayed up this long is healthy again: its next crash restarts it at once.
HEALTHY_AFTER_S = 30.0
FIRST_WAIT_S = 1.0
LONGEST_WAIT_S = 30.0
REPLAY_RETRY_S = 2.0


@dataclass
class Pace:
    """When a component may be restarted next."""

    crashes: int = 0
    not_before: float = 0.0
    up_since: float = field(default_factory=time.monotonic)

    def seen_alive(self, now: float) -> None:
        if self.crashes and now - self.up_since >= HEALTHY_AFTER_S:
            self.crashes = 0

    def restarted(self, now: float) -> None:
        self.crashes += 1
        self.up_since = now
        wait = min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** (self.crashes - 1))
        self.not_before = now + wait * random.uniform(0.5, 1.0)


class Supervisor:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.restarts = RestartLog(stack.config.restarts_file)
        self._paces = {name: Pace() for name in WATCHED}
        self._children: dict[str, services.Child] = {}
        self._replay_due_at: float | None = None
        self._stopping = False

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        log.info("supervising %s (pid %d)", ", ".join(WATCHED), os.getpid())
        while not self._stopping and self._still_wanted():
            self.check_once()
            time.sleep(CHECK_EVERY_S)
        log.info("supervisor stops")
        return 0

    def check_once(self) -> None:
        state = self.stack.state
        with state.locked():
            records = state.load()
            for name in WATCHED:
                record = records.get(name)
                # not recorded: never started, or stopped on purpose
                if record is not None:
                    self._check(name, record)
        self._replay_if_due()
        for child in self._children.values():
            child.poll()  # reaps a child that died, so it is not left a zombie

    def _check(self, name: str, record: ProcessRecord) -> None:
        pace, now = self._paces[name], time.monotonic()
        if record.is_alive():
            pace.seen_alive(now)
            return
        if now < pace.not_before:
            return
        try:
            revived, how = self._revive(name)
        except (StackError, OSError) as exc:
            pace.restarted(now)
            log.warning("%s could not be started again (will retry): %s", name, exc)
            return
        if revived is None:
            return
        pace.restarted(now)
        self.stack.state.record(revived)
        entry = self.restarts.count(name, how)
        log.warning(
            "%s (pid %d) was gone; %s: pid %d (restart %d)",
            name,
            record.pid,
            how,
            revived.pid,
            entry.count,
        )

    def _revive(self, name: str) -> tuple[ProcessRecord | None, str]:
        if name == "postgres":
            return self._revive_postgres()
        if name == "broker":
            self.stack.broker.release()
            record = self.stack.broker.start()
            # a memory-only broker comes back empty: the outboxes fill it again
            self._replay_due_at = time.monotonic()
            return record, "started an empty broker, topics created, outboxes to replay"
        if name == "mail":
            self.stack.mail.release()
            return self.stack.mail.start(), "started it again"
        child = services.serve(self.stack.config, name)
        self._children[name] = child
        return ProcessRecord.of(name, child.pid), "started it again"

    def _revive_postgres(self) -> tuple[ProcessRecord | None, str]:
        postgres = self.stack.postgres
        running = postgres.running_postmaster()
        if running is not None:
            # restarted by someone else (pg_ctl restart), or still recovering from a crash
            if postgres.is_healthy():
                return running, "found it restarted"
            return None, ""
        return postgres.start(), "started it again"

    def _replay_if_due(self) -> None:
        if self._replay_due_at is None or time.monotonic() < self._replay_due_at:
            return
        try:
            replayed = self.stack.replay()
        except StackError as exc:
            log.warning("replaying the outboxes failed (will retry): %s", exc)
            self._replay_due_at = time.monotonic() + REPLAY_RETRY_S
            return
        self._replay_due_at = None
        log.warning("replayed the outboxes into the new broker: %s", replayed)

    def _still_wanted(self) -> bool:
        # `down` forgets the supervisor, and a second `up` replaces it: either way, stop
        me = self.stack.state.load().get(SUPERVISOR)
        return me is not None and me.pid == os.getpid()

    def _stop(self, _signum: int, _frame: FrameType | None) -> None:
        self._stopping = True


def supervise(stack: Stack) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    return Supervisor(stack).run()
