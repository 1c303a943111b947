from decimal import Decimal

import pytest

from ledger_svc.domain.amounts import InvalidAmount, format_quantity, parse_amount


def test_an_amount_at_the_currency_scale_becomes_minor_units() -> None:
    assert parse_amount("1234.50", "EUR", field="amount") == 123450
    assert parse_amount("1200", "JPY", field="amount") == 1200


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("10.001", "EUR", "10.001 has more than 2 decimal places for EUR"),
        ("12.5", "JPY", "12.5 has more than 0 decimal places for JPY"),
        ("-5.00", "EUR", "amount must be more than zero, not -5.00."),
        ("0.00", "EUR", "amount must be more than zero, not 0.00."),
        (
            "10000000000000.01",
            "EUR",
            "amount exceeds the largest amount recorded, 10000000000000.00.",
        ),
    ],
)
def test_an_amount_the_ledger_cannot_record_is_refused_naming_the_field(
    text: str, currency: str, message: str
) -> None:
    with pytest.raises(InvalidAmount) as refused:
        parse_amount(text, currency, field="amount")
    assert (refused.value.field, refused.value.message) == ("amount", message)


def test_a_free_line_may_have_a_zero_unit_price() -> None:
    assert parse_amount("0.00", "EUR", field="lines.0.unit_price", allow_zero=True) == 0


@pytest.mark.parametrize(
    ("quantity", "shown"),
    [("2.0000", "2"), ("1.5000", "1.5"), ("100", "100"), ("0.0001", "0.0001")],
)
def test_quantities_are_shown_without_trailing_zeros_or_exponents(
    quantity: str, shown: str
) -> None:
    assert format_quantity(Decimal(quantity)) == shown
