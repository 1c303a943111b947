"""The KPI conventions on worked examples: month counting, countback, rounding half up."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reporting_svc.projections.kpis.figures import cei, countback, dso, two_places
from reporting_svc.projections.kpis.months import months_back, months_before, whole_months


def test_the_worked_countback_example_gives_73_71_days() -> None:
    # AR 212,000; sales 100,000 / 80,000 / 70,000 in 30-day months.
    walk = countback(212_000_00, [100_000_00, 80_000_00, 70_000_00], [30, 30, 30])
    assert two_places(walk.days) == "73.71"
    assert (walk.months_used, walk.cap_reached) == (3, False)


def test_countback_adds_whole_months_without_sales_and_says_when_it_hit_the_cap() -> None:
    assert two_places(countback(50, [0, 100], [31, 30]).days) == "46.00"
    walk = countback(1, [0] * 30, [30] * 30)
    assert (walk.days, walk.months_used, walk.cap_reached) == (720, 24, True)
    assert countback(0, [100], [30]).days == 0
    # Exactly covered by month 1: its days, then stop.
    assert countback(100, [100, 5], [31, 30]).days == 31


def test_one_month_before_keeps_the_day_clamped_and_month_ends_go_to_month_ends() -> None:
    assert months_before(date(2026, 2, 28), 1) == date(2026, 1, 31)
    assert months_before(date(2026, 3, 30), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 5, 15), 3) == date(2026, 2, 15)
    # k months in one step, not k single steps: 31 May less 3 months is 28 February (end),
    # while 30 May less 3 months is 28 February too, but 30 March less 1 is 28 February.
    assert months_before(date(2024, 5, 31), 3) == date(2024, 2, 29)
    assert months_before(date(2024, 3, 30), 2) == date(2024, 1, 30)
    spans = months_back(date(2026, 3, 31), 3)
    assert [(m.first_day, m.through, m.days) for m in spans] == [
        (date(2026, 3, 1), date(2026, 3, 31), 31),
        (date(2026, 2, 1), date(2026, 2, 28), 28),
        (date(2026, 1, 1), date(2026, 1, 31), 31),
    ]
    assert whole_months(date(2026, 1, 1), date(2026, 3, 31), 24) == 3
    assert whole_months(date(2026, 1, 2), date(2026, 3, 31), 24) is None


def test_figures_round_half_up_and_are_null_without_sales() -> None:
    assert two_places(Decimal("2.345")) == "2.35"
    assert two_places(Decimal("-2.345")) == "-2.35"
    assert dso(100, 0, 90) is None
    assert two_places(dso(1000, 3000, 90)) == "30.00"
    assert cei(100, Decimal(0), 100, 100) is None
    # (1000 + 500 - 600) / (1000 + 500 - 200) x 100
    assert two_places(cei(1000, Decimal(500), 600, 200)) == "69.23"


@given(
    owed=st.integers(0, 10**9),
    sales=st.lists(st.integers(0, 10**8), min_size=24, max_size=24),
    days=st.lists(st.integers(28, 31), min_size=24, max_size=24),
)
def test_countback_equals_a_plain_restatement_of_its_definition(
    owed: int, sales: list[int], days: list[int]
) -> None:
    r, total, used = Decimal(owed), Decimal(0), 0
    while r > 0 and used < 24:
        s, d = sales[used], days[used]
        used += 1
        if r >= s:
            total, r = total + d, r - s
        else:
            total, r = total + r / s * d, Decimal(0)
    walk = countback(owed, sales, days)
    assert (walk.days, walk.months_used, walk.cap_reached) == (total, used, r > 0)
