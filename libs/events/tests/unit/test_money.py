from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledgerflow_events.money import (
    InvalidAmount,
    UnknownCurrency,
    currency_scale,
    format_minor,
    to_minor,
)


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [("1234.50", "EUR", 123450), ("0.01", "USD", 1), ("1200", "JPY", 1200), ("1.234", "KWD", 1234)],
)
def test_amounts_parse_to_minor_units_at_the_currency_scale(
    amount: str, currency: str, minor: int
) -> None:
    assert to_minor(amount, currency) == minor


@pytest.mark.parametrize(
    ("minor", "currency", "text"),
    [(123450, "EUR", "1234.50"), (5, "EUR", "0.05"), (-5, "EUR", "-0.05"), (1200, "JPY", "1200")],
)
def test_minor_units_render_at_exactly_the_currency_scale(
    minor: int, currency: str, text: str
) -> None:
    assert format_minor(minor, currency) == text


@pytest.mark.parametrize(
    ("amount", "currency"), [("10.001", "EUR"), ("1.5", "JPY"), ("abc", "EUR"), ("NaN", "EUR")]
)
def test_more_precision_than_the_currency_has_is_refused(amount: str, currency: str) -> None:
    with pytest.raises(InvalidAmount):
        to_minor(amount, currency)


@pytest.mark.parametrize("code", ["ABC", "XAU", "eur"])
def test_unknown_or_unitless_currencies_are_refused(code: str) -> None:
    with pytest.raises(UnknownCurrency):
        currency_scale(code)


@given(st.integers(min_value=-(10**15), max_value=10**15), st.sampled_from(["EUR", "JPY", "KWD"]))
def test_formatting_and_parsing_round_trip_exactly(minor: int, currency: str) -> None:
    assert to_minor(format_minor(minor, currency), currency) == minor
    assert Decimal(format_minor(minor, currency)).as_tuple().exponent == -currency_scale(currency)
