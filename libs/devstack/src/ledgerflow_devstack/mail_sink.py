"""The local mail sink: a real SMTP server (aiosmtpd) that keeps every message it receives as
one `.eml` file under `<home>/mail/`, so the notices collections-svc sends can be opened.

It runs as a process of its own (`ledgerflow mail-sink`), started by `up` and kept alive by
the supervisor like every other component.
"""

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from types import FrameType
from typing import Any

from aiosmtpd.controller import Controller

from ledgerflow_devstack.config import HOST, StackConfig
from ledgerflow_devstack.errors import StackError
from ledgerflow_devstack.probes import log_tail, port_answers, wait_until
from ledgerflow_devstack.spawn import exited, spawn
from ledgerflow_devstack.state import ProcessRecord


class Mailbox:
    """aiosmtpd's handler: each accepted message becomes one file, named in arrival order."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        # named to sort by arrival; written aside and renamed, a reader never sees half of one
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.eml"
        partial = self.directory / f".{name}.part"
        partial.write_bytes(envelope.original_content or envelope.content)
        partial.rename(self.directory / name)
        return "250 Message accepted"


def serve_mail(config: StackConfig) -> int:
    """Run the sink in the foreground until SIGTERM or SIGINT."""
    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    controller = Controller(Mailbox(config.mail_dir), hostname=HOST, port=config.smtp_port)
    controller.start()
    print(f"mail sink on {HOST}:{config.smtp_port}, keeping messages in {config.mail_dir}")
    try:
        while not stop.wait(1.0):
            pass
    finally:
        controller.stop()
    return 0


class MailSink:
    """Starts the sink as a child process of its own."""

    def __init__(self, config: StackConfig) -> None:
        self.config = config
        self._child: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 15.0) -> ProcessRecord:
        port = self.config.smtp_port
        if port_answers(port):
            raise StackError(
                f"port {port} is already in use, so the mail sink cannot listen on it; "
                "stop whatever holds it or set LEDGERFLOW_SMTP_PORT"
            )
        log = self.config.log_file("mail")
        argv = [sys.executable, "-m", "ledgerflow_devstack", "mail-sink"]
        env = {**self.config.as_env(), "PYTHONUNBUFFERED": "1"}
        child = spawn(argv, log, {**os.environ, **env})
        self._child = child
        up = wait_until(lambda: exited(child) or port_answers(port), timeout, 0.05)
        if not up or exited(child):
            self.release()
            raise StackError(f"the mail sink did not start on port {port}\n" + log_tail(log))
        return ProcessRecord.of("mail", child.pid)

    def release(self) -> None:
        if self._child is not None:
            self._child.poll()
            self._child = None


def wait_for_messages(directory: Path, count: int, timeout: float) -> list[Path]:
    """The first `count` messages kept (oldest first), waiting up to `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        kept = sorted(directory.glob("*.eml")) if directory.exists() else []
        if len(kept) >= count or time.monotonic() >= deadline:
            return kept
        time.sleep(0.1)
