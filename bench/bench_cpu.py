"""Where a phase's CPU went: microseconds of CPU per payment, by part of the platform.

Throughput on a small machine is bounded by the sum of these over every part that works on a
payment: the ledger's API and worker, Postgres, the broker, and the clients themselves.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import psutil


def _part(process: psutil.Process, root_part: str) -> str:
    """The ledger's supervisor runs `... api` and `... worker`: those are told apart."""
    command = process.cmdline()
    if root_part == "ledger" and command and command[-1] in ("api", "worker"):
        return f"ledger_{command[-1]}"
    return root_part


def _tree(pid: int) -> Iterator[psutil.Process]:
    root = psutil.Process(pid)
    yield root
    yield from root.children(recursive=True)


@dataclass
class CpuMeter:
    """CPU seconds used by each part; read before and after a phase."""

    roots: dict[str, int]  # part -> the pid of its root process, the clients' last

    def read(self) -> dict[tuple[str, int], float]:
        used: dict[tuple[str, int], float] = {}
        claimed: set[int] = set()
        # The clients' process started the others: each process counts once, for the first
        # part whose tree holds it (the clients come last).
        for root_part, pid in self.roots.items():
            for process in _tree(pid):
                if process.pid in claimed:
                    continue
                try:
                    times = process.cpu_times()
                    part = _part(process, root_part)
                except psutil.NoSuchProcess:
                    continue
                claimed.add(process.pid)
                used[(part, process.pid)] = times.user + times.system
        return used

    def per_payment(self, before: dict[tuple[str, int], float], payments: int) -> dict[str, float]:
        """Microseconds of CPU per payment by part since `before`, and their total."""
        spent: dict[str, float] = {}
        for (part, pid), seconds in self.read().items():
            spent[part] = spent.get(part, 0.0) + seconds - before.get((part, pid), 0.0)
        figures = {part: round(s / payments * 1e6) for part, s in sorted(spent.items())}
        return {**figures, "total": sum(figures.values())}
