from datetime import UTC, date, datetime

from ledger_svc.domain.periods.accounting_period import (
    AccountingPeriod,
    PeriodStatus,
    open_period,
)
from ledger_svc.domain.periods.period_list import listed_periods

AT = datetime(2026, 1, 1, tzinfo=UTC)


def closed(period: str) -> AccountingPeriod:
    return AccountingPeriod(period, PeriodStatus.CLOSED, AT, "carol")


def names(periods: list[AccountingPeriod]) -> list[str]:
    return [p.period for p in periods]


def test_the_list_runs_from_the_first_posting_to_the_business_date_each_month_open() -> None:
    listed = listed_periods(today=date(2026, 3, 15), states={}, first_posting=date(2025, 12, 31))

    assert listed == [open_period(p) for p in ("2025-12", "2026-01", "2026-02", "2026-03")]


def test_a_month_closed_in_2200_12_ends_the_list_there_and_nothing_past_it_is_asked_for() -> None:
    states = {"2200-12": closed("2200-12"), "2026-02": closed("2026-02")}

    listed = listed_periods(today=date(2026, 2, 10), states=states, first_posting=None)

    assert (len(listed), listed[0], listed[1], listed[-1]) == (
        (2200 - 2026) * 12 + 11,
        closed("2026-02"),
        open_period("2026-03"),
        closed("2200-12"),
    )
    assert names(listed) == sorted(set(names(listed)))


def test_a_business_date_on_the_calendars_last_day_lists_2200_12_last() -> None:
    listed = listed_periods(today=date(2200, 12, 31), states={}, first_posting=date(2200, 11, 3))

    assert names(listed) == ["2200-11", "2200-12"]


def test_the_first_month_is_never_before_1900_01() -> None:
    listed = listed_periods(today=date(1900, 2, 1), states={}, first_posting=date(1899, 12, 31))

    assert names(listed) == ["1900-01", "1900-02"]
