"""Where a phase's CPU went: microseconds of CPU per payment, by part of the platform.

Throughput on a small machine is bounded by the sum of these over every part that works on a
payment: the ledger's API and worker, Postgres, the broker, and the clients themselves.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import psutil


def _part(process: psutil.Process, roots: dict[int, str]) -> str:
    if process.pid in roots:
        return roots[process.pid]
    command = process.cmdline()
    # The ledger's supervisor runs `... api` and `... worker`.
    return f"ledger_{command[-1]}" if command and command[-1] in ("api", "worker") else "?"


def _tree(pid: int) -> Iterator[psutil.Process]:
    root = psutil.Process(pid)
    yield root
    yield from root.children(recursive=True)


@dataclass
class CpuMeter:
    """CPU seconds used by each part; read before and after a phase."""

    roots: dict[str, int]  # part -> the pid of its root process

    def read(self) -> dict[tuple[str, int], float]:
        named = {pid: part for part, pid in self.roots.items()}
        used: dict[tuple[str, int], float] = {}
        for pid in self.roots.values():
            for process in _tree(pid):
                try:
                    times = process.cpu_times()
                    part = _part(process, named)
                except psutil.NoSuchProcess:
                    continue
                if part == "?":
                    part = next(p for p, root in self.roots.items() if root == pid)
                used[(part, process.pid)] = times.user + times.system
        return used

    def per_payment(self, before: dict[tuple[str, int], float], payments: int) -> dict[str, float]:
        """Microseconds of CPU per payment by part since `before`, and their total."""
        spent: dict[str, float] = {}
        for (part, pid), seconds in self.read().items():
            spent[part] = spent.get(part, 0.0) + seconds - before.get((part, pid), 0.0)
        figures = {part: round(s / payments * 1e6) for part, s in sorted(spent.items())}
        return {**figures, "total": sum(figures.values())}
