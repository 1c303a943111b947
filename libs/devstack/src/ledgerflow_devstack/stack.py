"""The whole local platform: Postgres, the broker and the five services, started and stopped
as one. Used by the `ledgerflow` command and, with an isolated config, by the test suite."""

import os
import sys
from collections.abc import Callable
from datetime import timedelta
from functools import partial

import httpx

from ledgerflow_devstack import services
from ledgerflow_devstack.auth import ensure_keys, token_for
from ledgerflow_devstack.broker import Broker
from ledgerflow_devstack.config import SERVICES, StackConfig
from ledgerflow_devstack.demo import load_demo
from ledgerflow_devstack.mail_sink import MailSink
from ledgerflow_devstack.postgres import Postgres
from ledgerflow_devstack.probes import port_answers
from ledgerflow_devstack.replay import replay_outboxes
from ledgerflow_devstack.restarts import RestartLog
from ledgerflow_devstack.spawn import spawn
from ledgerflow_devstack.state import ProcessRecord, StateFile, terminate_all
from ledgerflow_devstack.status import ComponentStatus, component_status

# Keeps the others running (supervision.py); started last, stopped first.
SUPERVISOR = "supervisor"
COMPONENTS = ("postgres", "broker", "mail", *SERVICES, SUPERVISOR)


def _quiet(_: str) -> None:
    pass


class Stack:
    def __init__(self, config: StackConfig | None = None) -> None:
        self.config = config or StackConfig.from_env()
        self.postgres = Postgres(self.config.pgdata, self.config.pg_port)
        self.broker = Broker(self.config.kafka_port, self.config.log_file("broker"))
        self.mail = MailSink(self.config)
        self.state = StateFile(self.config.state_file)
        self._children: dict[str, services.Child] = {}

    @property
    def kafka_bootstrap(self) -> str:
        return self.config.kafka_bootstrap

    def url(self, service: str) -> str:
        return self.config.url(service)

    def urls(self) -> dict[str, str]:
        return {name: self.config.url(name) for name in SERVICES}

    def token(self, role: str, subject: str | None = None, ttl: timedelta | None = None) -> str:
        return token_for(self.config, role, subject=subject, ttl=ttl or timedelta(hours=12))

    def running(self) -> dict[str, bool]:
        """Which of the recorded processes are alive (the same pid AND the same start time)."""
        records = self.state.load()
        return {name: name in records and records[name].is_alive() for name in COMPONENTS}

    def pids(self) -> dict[str, int]:
        """The process id of each live component (a service's is its supervisor's)."""
        records = self.state.load()
        return {name: r.pid for name, r in records.items() if r.is_alive()}

    def is_running(self) -> bool:
        return all(self.running().values())

    def up(
        self, *, demo: bool = True, timeout: float = 60.0, say: Callable[[str], None] = _quiet
    ) -> bool:
        """Start whatever is not running and wait until all of it is ready.

        Returns False, having changed nothing, if everything was already running. A failure
        leaves what did start recorded, so `down` can stop it and a second `up` can finish.
        """
        alive = self.running()
        if all(alive.values()):
            return False
        # it would restart what this is about to start
        self._stop_supervisor()
        self.config.logs.mkdir(parents=True, exist_ok=True)
        ensure_keys(self.config)
        if not alive["postgres"]:
            say("starting Postgres")
            self._start_postgres()
        if not alive["broker"]:
            say("starting the broker and creating topics")
            self.state.record(self.broker.start())
        if not alive["mail"]:
            say(f"starting the mail sink (messages kept in {self.config.mail_dir})")
            self.state.record(self.mail.start())
        missing = [name for name in SERVICES if not alive[name]]
        if missing:
            say(f"migrating {', '.join(missing)}")
            services.migrate(self.config, missing, timeout=max(timeout, 120.0))
            say(f"starting {', '.join(missing)}")
            self._start_services(missing, timeout)
        if not alive["broker"]:
            # The broker keeps nothing across restarts; the outboxes keep everything. Replaying
            # them all is safe (consumers skip what their inbox has seen) and cheap locally.
            say("re-publishing the outboxes to the new broker")
            self.replay()
        if demo and not self.config.demo_marker.exists():
            say("loading demo data")
            load_demo(self.config, self.token("admin", subject="demo-loader"))
        say("starting the supervisor, which restarts whatever dies")
        self._start_supervisor()
        return True

    def down(self, timeout: float = 10.0) -> list[str]:
        """Stop exactly what `up` recorded, services first; returns the names it stopped."""
        records = self.state.load()
        stopped = [name for name in COMPONENTS if name in records and records[name].is_alive()]
        self.stop_all_but_postgres(timeout)
        self._forget_and_stop("mail", timeout)
        self.mail.release()
        postgres = records.get("postgres")
        running = self.postgres.running_postmaster()
        # only the server we recorded: a recycled pid or someone else's cluster is left alone
        if postgres is not None and running is not None and running.pid == postgres.pid:
            self.postgres.stop()
        self.state.forget(*records)
        self.config.restarts_file.unlink(missing_ok=True)
        return stopped

    def stop_all_but_postgres(self, timeout: float = 10.0) -> None:
        """The supervisor, the services and the broker, stopped and forgotten: what a
        restore of the databases needs out of the way."""
        self._stop_supervisor()
        with self.state.locked():
            records = self.state.load()
            self.state.forget(*SERVICES, "broker")
        terminate_all([records[n] for n in SERVICES if n in records], timeout)
        if "broker" in records:
            records["broker"].terminate(timeout)
            self.broker.release()
        self._release(*SERVICES)

    def start_postgres(self) -> None:
        """Postgres running (initialised first if PGDATA is empty), with every service's
        database and role."""
        if not self.running()["postgres"]:
            self._start_postgres()

    def status(self) -> list[ComponentStatus]:
        records = self.state.load()
        with httpx.Client(timeout=2.0) as client:
            probes: dict[str, tuple[str, Callable[[], bool]]] = {
                "postgres": (self.postgres.admin_dsn, self.postgres.is_healthy),
                "broker": (self.kafka_bootstrap, partial(port_answers, self.config.kafka_port)),
                "mail": (
                    f"smtp://127.0.0.1:{self.config.smtp_port}",
                    partial(port_answers, self.config.smtp_port),
                ),
            }
            for name in SERVICES:
                probes[name] = (self.url(name), partial(services.is_ready, client, self.url(name)))
            probes[SUPERVISOR] = (str(self.config.log_file(SUPERVISOR)), lambda: True)
            restarts = RestartLog(self.config.restarts_file).load()
            return [
                component_status(
                    name,
                    records.get(name),
                    address,
                    probe,
                    restarts=restarts[name].count if name in restarts else 0,
                )
                for name, (address, probe) in probes.items()
            ]

    def stop_service(self, name: str, timeout: float = 10.0) -> None:
        """SIGTERM one service (SIGKILL after `timeout`), e.g. to prove its consumer catches up."""
        self._forget_and_stop(name, timeout)
        self._release(name)

    def start_service(self, name: str, timeout: float = 60.0) -> None:
        """Start one stopped service (without migrating again) and wait until it is ready."""
        if not self.running()[name]:
            self._start_services([name], timeout)

    def restart_broker(self) -> None:
        """Replace the broker with an empty one (memory-only) and re-create the topics."""
        self._forget_and_stop("broker", 10.0)
        self.broker.release()
        self.state.record(self.broker.start())

    def replay(
        self, from_position: int | None = None, to_position: int | None = None
    ) -> dict[str, int]:
        """Re-publish the producers' outboxes (all of it by default); returns rows per service."""
        admin = self.token("admin", subject="replay")
        return replay_outboxes(self.config, admin, from_position, to_position)

    def _start_postgres(self) -> None:
        self.postgres.init()
        running = self.postgres.running_postmaster()
        # PGDATA is ours alone: a healthy server on it is one an earlier `up` lost track of
        if running is not None and self.postgres.is_healthy():
            self.state.record(running)
        else:
            self.state.record(self.postgres.start())
        for name in SERVICES:
            self.postgres.create_service_database(name)

    def _start_services(self, names: list[str], timeout: float) -> None:
        for name in names:
            child = services.serve(self.config, name)
            self._children[name] = child
            self.state.record(ProcessRecord.of(name, child.pid))
        services.wait_ready(self.config, {n: self._children[n] for n in names}, timeout)

    def _forget_and_stop(self, name: str, timeout: float) -> None:
        # Forgotten first, under the lock: the supervisor never restarts what is stopped on
        # purpose.
        with self.state.locked():
            record = self.state.load().get(name)
            self.state.forget(name)
        if record is not None:
            record.terminate(timeout)

    def _start_supervisor(self) -> None:
        argv = [sys.executable, "-m", "ledgerflow_devstack", "supervise"]
        # Recorded under the lock before it can look itself up, or it would stop at once.
        env = {**os.environ, **self.config.as_env(), "PYTHONUNBUFFERED": "1"}
        with self.state.locked():
            child = spawn(argv, self.config.log_file(SUPERVISOR), env)
            self.state.record(ProcessRecord.of(SUPERVISOR, child.pid))
        self._children[SUPERVISOR] = child

    def _stop_supervisor(self) -> None:
        self._forget_and_stop(SUPERVISOR, 10.0)
        self._release(SUPERVISOR)

    def _release(self, *names: str) -> None:
        # poll() reaps a child we already stopped; without it the pid lingers as a zombie
        for name in names:
            child = self._children.pop(name, None)
            if child is not None:
                child.poll()
