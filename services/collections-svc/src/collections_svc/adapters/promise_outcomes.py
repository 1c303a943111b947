"""`ledgerflow_promises_total{outcome}`: promises made, kept and broken, counted once committed.

A promise's fate is decided in requests (made), in event handlers (kept) and in runs (broken);
each is counted only when its transaction commits, so a rolled-back or redelivered event that
changes nothing counts nothing.
"""

from prometheus_client import Counter
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

PROMISES = Counter(
    "ledgerflow_promises_total", "Promises to pay by outcome: made, kept, broken", ["outcome"]
)
PENDING = "promise_outcomes"


def count_when_committed(session: AsyncSession, outcome: str) -> None:
    sync = session.sync_session
    pending: list[str] | None = sync.info.get(PENDING)
    if pending is None:
        pending = sync.info[PENDING] = []
        event.listen(sync, "after_commit", _count)
        event.listen(sync, "after_rollback", _forget)
    pending.append(outcome)


def _count(sync: Session) -> None:
    for outcome in sync.info.get(PENDING, []):
        PROMISES.labels(outcome).inc()
    _forget(sync)


def _forget(sync: Session) -> None:
    sync.info.get(PENDING, []).clear()
