"""Configurable aging buckets: edges in days past due, e.g. 30,60,90 → current, 1-30, 31-60,
61-90 and over 90. Pure rules, no I/O."""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ledgerflow_platform.errors import DomainError

DEFAULT_EDGES: tuple[int, ...] = (30, 60, 90)
MAX_EDGES = 12
MAX_DAYS = 3650
# The fields each row has always carried, for the default edges only.
DEFAULT_FIELDS = ("current", "days_1_30", "days_31_60", "days_61_90", "days_over_90")


class InvalidBuckets(DomainError):
    """The bucket edges are not increasing whole days within bounds."""


@dataclass(frozen=True)
class AgingBucket:
    """A span of days past due (or since issue): current has no lower bound, the last no upper."""

    label: str
    from_days: int | None
    to_days: int | None

    def holds(self, days: int) -> bool:
        above = self.from_days is None or days >= self.from_days
        below = self.to_days is None or days <= self.to_days
        return above and below


def parse_edges(text: str | None) -> tuple[int, ...]:
    """`30,60,90` → (30, 60, 90); refused unless 1 to 12 increasing whole days from 1 to 3650."""
    if text is None:
        return DEFAULT_EDGES
    try:
        edges = tuple(int(part) for part in text.split(","))
    except ValueError as exc:
        raise InvalidBuckets("buckets are whole days, e.g. 30,60,90", field="buckets") from exc
    if not 1 <= len(edges) <= MAX_EDGES:
        raise InvalidBuckets(f"give 1 to {MAX_EDGES} bucket edges", field="buckets")
    if any(not 1 <= e <= MAX_DAYS for e in edges):
        raise InvalidBuckets(f"bucket edges are from 1 to {MAX_DAYS} days", field="buckets")
    if any(b <= a for a, b in pairwise(edges)):
        raise InvalidBuckets("bucket edges must be strictly increasing", field="buckets")
    return edges


def buckets_for(edges: Sequence[int]) -> tuple[AgingBucket, ...]:
    spans = [AgingBucket("current", None, 0)]
    start = 1
    for edge in edges:
        spans.append(AgingBucket(f"{start}-{edge}", start, edge))
        start = edge + 1
    spans.append(AgingBucket(f"over {edges[-1]}", start, None))
    return tuple(spans)


def bucket_index(buckets: Sequence[AgingBucket], days: int) -> int:
    return next(i for i, b in enumerate(buckets) if b.holds(days))
