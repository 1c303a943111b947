"""How quickly complaints are answered and resolved, over a window of receipt dates."""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction

from customer_svc.domain.complaints.complaint import Category, ComplaintStatus, Severity
from ledgerflow_platform.errors import DomainError

DEFAULT_WINDOW_DAYS = 30


class InvalidStatsWindow(DomainError):
    """A reporting window that ends before it starts."""


def stats_window(
    first_day: date | None, last_day: date | None, *, today: date
) -> tuple[datetime, datetime]:
    """[start, end) in UTC covering whole days; by default the last 30 days up to today."""
    last = last_day or today
    first = first_day or last - timedelta(days=DEFAULT_WINDOW_DAYS - 1)
    if last < first:
        raise InvalidStatsWindow(f"to ({last}) is before from ({first}).", field="to")
    start = datetime.combine(first, time(), tzinfo=UTC)
    return start, datetime.combine(last + timedelta(days=1), time(), tzinfo=UTC)


@dataclass(frozen=True)
class ComplaintTiming:
    """The measurable facts of one complaint: no text, just its kind and its clock."""

    status: ComplaintStatus
    category: Category
    severity: Severity
    response_time_seconds: int | None
    resolution_time_seconds: int | None


@dataclass(frozen=True)
class DurationStats:
    """Average and median of durations in whole seconds (halves round up)."""

    count: int
    average_seconds: int | None
    median_seconds: int | None


@dataclass(frozen=True)
class ComplaintStats:
    """Counts by status, category and severity, and the response and resolution times."""

    received: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_severity: dict[str, int]
    response: DurationStats
    resolution: DurationStats


def _whole_seconds(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def duration_stats(durations: Iterable[int]) -> DurationStats:
    ordered = sorted(durations)
    n = len(ordered)
    if n == 0:
        return DurationStats(0, None, None)
    middle = n // 2
    median = (
        Fraction(ordered[middle]) if n % 2 else Fraction(ordered[middle - 1] + ordered[middle], 2)
    )
    return DurationStats(n, _whole_seconds(Fraction(sum(ordered), n)), _whole_seconds(median))


def complaint_stats(timings: Iterable[ComplaintTiming]) -> ComplaintStats:
    every = list(timings)

    def counted(values: Iterable[str], names: Iterable[str]) -> dict[str, int]:
        counts = Counter(values)
        return {name: counts[name] for name in names}

    return ComplaintStats(
        received=len(every),
        by_status=counted((t.status.value for t in every), (s.value for s in ComplaintStatus)),
        by_category=counted((t.category.value for t in every), (c.value for c in Category)),
        by_severity=counted((t.severity.value for t in every), (s.value for s in Severity)),
        response=duration_stats(
            t.response_time_seconds for t in every if t.response_time_seconds is not None
        ),
        resolution=duration_stats(
            t.resolution_time_seconds for t in every if t.resolution_time_seconds is not None
        ),
    )
