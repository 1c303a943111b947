from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from customer_svc.domain.complaints.complaint import Category, ComplaintStatus, Severity
from customer_svc.domain.complaints.stats import (
    ComplaintTiming,
    DurationStats,
    InvalidStatsWindow,
    complaint_stats,
    duration_stats,
    stats_window,
)


def timing(
    status: ComplaintStatus, response: int | None, resolution: int | None
) -> ComplaintTiming:
    return ComplaintTiming(status, Category.BILLING, Severity.LOW, response, resolution)


def test_average_and_median_are_whole_seconds_with_halves_rounded_up() -> None:
    assert duration_stats([10, 11]) == DurationStats(2, 11, 11)
    assert duration_stats([3600, 7200, 10800]) == DurationStats(3, 7200, 7200)
    assert duration_stats([1, 2, 100]) == DurationStats(3, 34, 2)
    assert duration_stats([]) == DurationStats(0, None, None)


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1))
def test_the_median_and_average_lie_within_the_durations(durations: list[int]) -> None:
    found = duration_stats(durations)
    assert found.median_seconds is not None
    assert found.average_seconds is not None
    assert min(durations) <= found.median_seconds <= max(durations)
    assert min(durations) <= found.average_seconds <= max(durations)


def test_stats_count_every_status_and_measure_only_complaints_that_got_there() -> None:
    stats = complaint_stats(
        [
            timing(ComplaintStatus.OPEN, None, None),
            timing(ComplaintStatus.ASSIGNED, 600, None),
            timing(ComplaintStatus.RESOLVED, 1200, 7200),
        ]
    )
    assert stats.received == 3
    assert stats.by_status == {"open": 1, "assigned": 1, "resolved": 1}
    assert stats.by_severity == {"low": 3, "medium": 0, "high": 0, "critical": 0}
    assert stats.response == DurationStats(2, 900, 900)
    assert stats.resolution == DurationStats(1, 7200, 7200)


def test_a_window_covers_whole_utc_days_and_defaults_to_the_last_thirty() -> None:
    start, end = stats_window(date(2026, 11, 1), date(2026, 11, 30), today=date(2027, 1, 1))
    assert (start, end) == (datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))
    assert stats_window(None, None, today=date(2026, 11, 30))[0] == datetime(
        2026, 11, 1, tzinfo=UTC
    )


def test_a_window_ending_before_it_starts_is_refused_naming_to() -> None:
    with pytest.raises(InvalidStatsWindow) as refused:
        stats_window(date(2026, 11, 2), date(2026, 11, 1), today=date(2026, 11, 30))
    assert refused.value.field == "to"
