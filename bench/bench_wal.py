"""What a phase asked of the machine beyond CPU per call: how busy its two cores were, and
how much write-ahead log the database server wrote and flushed to disk.

A reserving check commits, and a commit returns once its WAL is flushed: every commit on
the server (the check's, the relay's, the consumers') queues for the same flushes, so a slow
flush or a new WAL segment made while the phase runs shows in the check's tail.
"""

import os
from dataclasses import dataclass
from typing import Any

import asyncpg

# Flushes and their time, from every backend: the WAL's own I/O statistics.
_WAL_IO = """
SELECT pg_current_wal_lsn()::text AS lsn,
       coalesce(sum(fsyncs), 0)::float8 AS fsyncs,
       coalesce(sum(fsync_time), 0)::float8 AS fsync_ms,
       (SELECT count(*) FROM pg_ls_waldir()) AS segments
FROM pg_stat_io WHERE object = 'wal'
"""


@dataclass(frozen=True)
class Cores:
    busy: int
    total: int


def cores() -> Cores:
    """The machine's jiffies so far, busy and all, from the first line of /proc/stat."""
    with open("/proc/stat") as stat:
        # user, nice, system, idle, iowait, irq, softirq, steal (guest time is within user)
        fields = [int(f) for f in stat.readline().split()[1:9]]
    idle = fields[3] + fields[4]  # idle and waiting for I/O
    return Cores(sum(fields) - idle, sum(fields))


def busy_percent(before: Cores, after: Cores) -> float:
    return round((after.busy - before.busy) / max(after.total - before.total, 1) * 100, 1)


async def time_flushes(admin: "asyncpg.Connection[Any]") -> None:
    """Flushes are counted always, timed only when asked: the bench's own server is told."""
    await admin.execute("ALTER SYSTEM SET track_wal_io_timing = on")
    await admin.execute("SELECT pg_reload_conf()")


async def wal_files_ready(admin: "asyncpg.Connection[Any]", files: int = 8) -> None:
    """WAL files made and then recycled by a checkpoint, as on a server that has run for a
    while: a fresh cluster makes (and zero-fills) a new 16 MB file under the WAL's write lock
    every few seconds of checks, which a server in service does not."""
    for _ in range(files):
        # a record, so that the switch to the next file is not a no-op
        await admin.execute("SELECT pg_logical_emit_message(false, 'bench', '')")
        await admin.execute("SELECT pg_switch_wal()")
    await admin.execute("CHECKPOINT")


@dataclass(frozen=True)
class Mark:
    """Where the machine and the server stood when a phase began."""

    cores: Cores
    wal: dict[str, Any]


async def mark(admin: "asyncpg.Connection[Any]") -> Mark:
    return Mark(cores(), dict(await admin.fetchrow(_WAL_IO) or {}))


async def machine_spent(
    admin: "asyncpg.Connection[Any]", began: Mark, calls: int, seconds: float
) -> dict[str, Any]:
    """The cores' busy share over the phase, the load average at its end, WAL bytes per call,
    flushes per second and their mean time, and WAL files added (recycled ones are reused)."""
    busy = busy_percent(began.cores, cores())
    after = dict(await admin.fetchrow(_WAL_IO) or {})
    written = await admin.fetchval(
        "SELECT $1::text::pg_lsn - $2::text::pg_lsn", after["lsn"], began.wal["lsn"]
    )
    flushes = after["fsyncs"] - began.wal["fsyncs"]
    flush_ms = after["fsync_ms"] - began.wal["fsync_ms"]
    return {
        "cores_busy_percent": busy,
        "load_average": round(os.getloadavg()[0], 2),
        "wal_bytes_per_call": round(float(written) / max(calls, 1)),
        "wal_flushes_per_second": round(flushes / seconds),
        "wal_flush_ms_mean": round(flush_ms / max(flushes, 1), 3),
        "wal_files_added": after["segments"] - began.wal["segments"],
    }
