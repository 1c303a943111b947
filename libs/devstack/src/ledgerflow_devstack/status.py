"""What `ledgerflow status` reports about one component."""

from collections.abc import Callable
from dataclasses import dataclass

from ledgerflow_devstack.state import ProcessRecord


@dataclass(frozen=True)
class ComponentStatus:
    name: str
    pid: int | None
    running: bool
    # answers its own health check: a query, a TCP connect, or /health/ready = 200
    healthy: bool
    address: str
    # how often the supervisor started it again since `up`
    restarts: int = 0


def component_status(
    name: str,
    record: ProcessRecord | None,
    address: str,
    healthy: Callable[[], bool],
    *,
    restarts: int = 0,
) -> ComponentStatus:
    running = record is not None and record.is_alive()
    pid = record.pid if record is not None and running else None
    return ComponentStatus(name, pid, running, running and healthy(), address, restarts)
