"""Where a phase's CPU went on the whole platform, per call: every process the platform runs
(each service's API and worker halves apart), Postgres, the broker and the clients.

A paced phase on two cores is bounded by the sum over every part that works on a call, not by
the service answering it: a credit check's event is relayed, brokered and applied by
reporting's and collections' consumers too.
"""

import os

import psutil

from ledgerflow_devstack.stack import Stack

SERVICES = ("customer", "ledger", "credit", "collections", "reporting")


def _listens(process: psutil.Process) -> bool:
    try:
        return any(c.status == psutil.CONN_LISTEN for c in process.net_connections("tcp"))
    except psutil.Error:
        return False


def platform_parts(stack: Stack) -> dict[int, tuple[str, psutil.Process]]:
    """pid -> (part, process): a service's forked halves told apart by the API's listening
    socket (the supervisor holds it too, and is its own part)."""
    parts: dict[int, tuple[str, psutil.Process]] = {}
    for name, pid in stack.pids().items():
        root = psutil.Process(pid)
        for process in [root, *root.children(recursive=True)]:
            part = name
            if name in SERVICES and process.pid != pid:
                part = f"{name}_api" if _listens(process) else f"{name}_worker"
            elif name in SERVICES:
                part = f"{name}_supervisor"
            parts[process.pid] = (part, process)
    me = psutil.Process(os.getpid())
    parts[me.pid] = ("clients", me)
    return parts


def cpu_seconds(parts: dict[int, tuple[str, psutil.Process]]) -> dict[int, float]:
    used = {}
    for pid, (_, process) in parts.items():
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        used[pid] = times.user + times.system
    return used


def per_call(
    parts: dict[int, tuple[str, psutil.Process]],
    before: dict[int, float],
    after: dict[int, float],
    calls: int,
) -> dict[str, int]:
    """Microseconds of CPU per call by part (those above 10 µs), heaviest first, and the total."""
    spent: dict[str, float] = {}
    for pid, (part, _) in parts.items():
        if pid in before and pid in after:
            spent[part] = spent.get(part, 0.0) + after[pid] - before[pid]
    figures = {
        part: round(seconds / calls * 1e6)
        for part, seconds in sorted(spent.items(), key=lambda kv: -kv[1])
        if seconds / calls * 1e6 >= 10
    }
    return {**figures, "total": sum(figures.values())}
