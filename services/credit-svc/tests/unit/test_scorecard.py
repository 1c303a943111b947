"""The scorecard, the limit rules and review dates: pure rules, exact figures."""

from datetime import date
from decimal import Decimal

import pytest

from credit_svc.domain.assessment import add_months
from credit_svc.domain.limit_rule import proposed_limit
from credit_svc.domain.scorecard import InputValue, band_of, grade_of, score_of

BANDS = [
    {"at_least": "60", "points": 0},
    {"at_least": "30", "points": 25},
    {"at_least": "0", "points": 100},
]
THRESHOLDS = {"A": "80", "B": "65", "C": "50", "D": "35"}


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (Decimal("0"), (Decimal(0), 100)),
        (Decimal("29.99"), (Decimal(0), 100)),
        (Decimal("30"), (Decimal(30), 25)),
        (Decimal("60.01"), (Decimal(60), 0)),
        (Decimal("-0.01"), (None, 0)),
        (None, (None, 0)),
    ],
)
def test_a_value_falls_in_the_highest_band_it_reaches(
    value: Decimal | None, band: tuple[Decimal | None, int]
) -> None:
    assert band_of(value, BANDS) == band


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("80", "A"),
        ("79.99", "B"),
        ("65", "B"),
        ("50", "C"),
        ("35", "D"),
        ("34.99", "E"),
        ("0", "E"),
    ],
)
def test_the_grade_is_the_best_whose_threshold_the_score_reaches(score: str, grade: str) -> None:
    assert grade_of(Decimal(score), THRESHOLDS) == grade


def test_the_score_sums_weight_times_points_over_a_hundred() -> None:
    rules = {
        "scorecard": [
            {"input": "a", "weight": 70, "bands": [{"at_least": "0", "points": 33}]},
            {"input": "b", "weight": 30, "bands": BANDS},
        ],
        "grade_thresholds": THRESHOLDS,
    }
    found = {
        "a": InputValue("a", Decimal(1), "x", None),
        "b": InputValue("b", Decimal(45), "y", None),
    }

    score = score_of(rules, found)

    # 70 x 33 / 100 + 30 x 25 / 100 = 23.1 + 7.5
    assert (score.total, score.grade) == (Decimal("30.60"), "E")
    assert [(s.band, s.points, s.contribution) for s in score.inputs] == [
        (Decimal(0), 33, Decimal("23.1")),
        (Decimal(30), 25, Decimal("7.5")),
    ]


@pytest.mark.parametrize(
    ("rule", "sales", "equity", "currency", "limit"),
    [
        ({"kind": "fixed", "amount": "1234.56"}, 0, None, "EUR", 123456),
        (
            {"kind": "sales_percent", "percent": "15", "cap": "500000.00"},
            333333,
            None,
            "EUR",
            49999,
        ),
        (
            {"kind": "sales_percent", "percent": "15", "cap": "500.00"},
            10_000_000,
            None,
            "EUR",
            50000,
        ),
        ({"kind": "equity_percent", "percent": "5", "cap": "25000.00"}, 0, -100, "EUR", 0),
        ({"kind": "equity_percent", "percent": "5", "cap": None}, 0, 40_000_000, "EUR", 2_000_000),
        ({"kind": "sales_percent", "percent": "10", "cap": "0.5"}, 1000, None, "JPY", 0),
    ],
)
def test_the_limit_rule_takes_its_share_rounded_down_and_capped(
    rule: dict[str, str | None], sales: int, equity: int | None, currency: str, limit: int
) -> None:
    assert proposed_limit(rule, sales_12m=sales, equity=equity, currency=currency) == limit


@pytest.mark.parametrize(
    ("day", "months", "then"),
    [
        (date(2026, 11, 16), 12, date(2027, 11, 16)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 12, 31), 3, date(2028, 3, 31)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_the_next_review_falls_the_grades_months_later(day: date, months: int, then: date) -> None:
    assert add_months(day, months) == then
