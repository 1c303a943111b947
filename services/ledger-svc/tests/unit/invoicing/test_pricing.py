from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger_svc.domain.amounts import InvalidAmount
from ledger_svc.domain.invoicing.pricing import (
    DiscountRequest,
    InvalidDiscount,
    InvalidTaxRate,
    LineRequest,
    price_line,
)
from ledgerflow_platform.errors import DomainError


def line(
    quantity: str = "1",
    unit_price: str = "1.00",
    *,
    percent: str | None = None,
    amount: str | None = None,
    tax_rate: str | None = None,
) -> LineRequest:
    discount = (
        DiscountRequest(Decimal(percent) if percent is not None else None, amount)
        if percent is not None or amount is not None
        else None
    )
    return LineRequest(
        "Widgets",
        Decimal(quantity),
        unit_price,
        discount,
        Decimal(tax_rate) if tax_rate is not None else None,
    )


def test_a_percentage_discount_and_the_tax_are_each_rounded_half_up_on_the_line() -> None:
    priced = price_line(line("1", "1.00", percent="2.5", tax_rate="7.5"), "EUR", index=0)
    # 2.5 % of 1.00 is 0.025: half-up takes 0.03 off (half-even would take 0.02).
    # 7.5 % tax on the 0.97 left is 0.07275, which rounds to 0.07.
    assert (priced.amount, priced.discount_amount, priced.net) == (100, 3, 97)
    assert (priced.tax_amount, priced.gross) == (7, 104)
    assert priced.discount_percent == Decimal("2.5")


def test_a_fixed_discount_comes_off_the_line_before_tax() -> None:
    priced = price_line(line("3", "19.99", amount="5.00", tax_rate="19"), "EUR", index=0)
    # 59.97 - 5.00 = 54.97; 19 % of it is 10.4443 -> 10.44.
    assert (priced.amount, priced.net, priced.tax_amount, priced.gross) == (5997, 5497, 1044, 6541)
    assert priced.discount_percent is None


def test_a_yen_line_is_taxed_in_whole_yen() -> None:
    priced = price_line(line("3", "333", tax_rate="10"), "JPY", index=0)
    assert (priced.net, priced.tax_amount, priced.gross) == (999, 100, 1099)


@pytest.mark.parametrize(
    ("asked", "error", "field"),
    [
        (line(percent="100.01"), InvalidDiscount, "lines.0.discount.percent"),
        (line(percent="-1"), InvalidDiscount, "lines.0.discount.percent"),
        (line(percent="10.00001"), InvalidDiscount, "lines.0.discount.percent"),
        (line(amount="1.01"), InvalidDiscount, "lines.0.discount.amount"),
        (line(amount="0.001"), InvalidAmount, "lines.0.discount.amount"),
        (line(amount="-0.10"), InvalidAmount, "lines.0.discount.amount"),
        (line(percent="10", amount="0.10"), InvalidDiscount, "lines.0.discount"),
        (
            LineRequest("X", Decimal(1), "1.00", DiscountRequest()),
            InvalidDiscount,
            "lines.0.discount",
        ),
        (line(tax_rate="-0.5"), InvalidTaxRate, "lines.0.tax_rate"),
        (line(tax_rate="100.5"), InvalidTaxRate, "lines.0.tax_rate"),
        (line(tax_rate="19.00001"), InvalidTaxRate, "lines.0.tax_rate"),
    ],
)
def test_a_discount_or_tax_rate_the_line_cannot_take_is_refused_naming_the_field(
    asked: LineRequest, error: type[DomainError], field: str
) -> None:
    with pytest.raises(error) as refused:
        price_line(asked, "EUR", index=0)
    assert refused.value.field == field


def test_a_whole_discount_leaves_a_free_line() -> None:
    priced = price_line(line("2", "5.00", percent="100", tax_rate="19"), "EUR", index=0)
    assert (priced.net, priced.tax_amount, priced.gross) == (0, 0, 0)


def _half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


percents = st.decimals(min_value=0, max_value=100, places=4)


@given(
    quantity=st.decimals(min_value=Decimal("0.0001"), max_value=10_000, places=4),
    unit_price=st.integers(0, 10**7),
    discount=st.one_of(st.none(), percents),
    tax_rate=st.one_of(st.none(), percents),
)
def test_every_line_is_priced_exactly_to_the_minor_unit(
    quantity: Decimal, unit_price: int, discount: Decimal | None, tax_rate: Decimal | None
) -> None:
    asked = LineRequest(
        "Goods",
        quantity,
        f"{Decimal(unit_price).scaleb(-2):.2f}",
        DiscountRequest(discount) if discount is not None else None,
        tax_rate,
    )
    priced = price_line(asked, "EUR", index=0)

    exact_amount = Fraction(quantity) * unit_price
    assert priced.amount == _half_up(exact_amount)
    off = _half_up(priced.amount * Fraction(discount) / 100) if discount is not None else 0
    assert priced.discount_amount == off
    assert 0 <= priced.net <= priced.amount
    rate = Fraction(tax_rate) if tax_rate is not None else Fraction(0)
    assert priced.tax_amount == _half_up(priced.net * rate / 100)
    assert priced.gross == priced.net + priced.tax_amount
