from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit_svc.domain.financial_statements import (
    FinancialStatement,
    ImpossibleStatement,
    checked,
    ratios_of,
    rounded,
    zone_of,
)

HEALTHY = FinancialStatement(
    period_end=date(2025, 12, 31),
    currency="EUR",
    current_assets=50_000_000,
    current_liabilities=25_000_000,
    cash=8_000_000,
    marketable_securities=2_000_000,
    receivables=15_000_000,
    inventory=20_000_000,
    total_assets=100_000_000,
    total_liabilities=60_000_000,
    equity=40_000_000,
    retained_earnings=15_000_000,
    ebit=9_000_000,
    sales=180_000_000,
)


def oracle_z(s: FinancialStatement) -> Fraction:
    """Altman Z'' (non-manufacturers), in exact fractions."""
    ta = Fraction(s.total_assets)
    return (
        Fraction(656, 100) * (s.current_assets - s.current_liabilities) / ta
        + Fraction(326, 100) * s.retained_earnings / ta
        + Fraction(672, 100) * s.ebit / ta
        + Fraction(105, 100) * Fraction(s.equity, s.total_liabilities)
    )


def as_text(value: Fraction) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_a_healthy_statement_reads_safe_with_every_ratio() -> None:
    r = ratios_of(checked(HEALTHY))
    assert [rounded(x) for x in (r.current_ratio, r.quick_ratio, r.debt_to_assets)] == [
        "2.00",
        "1.00",
        "0.60",
    ]
    assert rounded(r.receivables_turnover) == "12.00"
    # 6.56·0.25 + 3.26·0.15 + 6.72·0.09 + 1.05·(2/3) = 3.4338
    assert (rounded(r.altman_z), r.altman_zone) == ("3.43", "safe")


def test_negative_ebit_retained_earnings_and_equity_are_the_distressed_case() -> None:
    distressed = FinancialStatement(
        **{
            **HEALTHY.__dict__,
            "current_assets": 30_000_000,
            "current_liabilities": 40_000_000,
            "cash": 5_000_000,
            "marketable_securities": 0,
            "inventory": 10_000_000,
            "total_liabilities": 105_000_000,
            "equity": -5_000_000,
            "retained_earnings": -30_000_000,
            "ebit": -12_000_000,
        }
    )
    r = ratios_of(checked(distressed))
    assert (rounded(r.altman_z), r.altman_zone) == ("-2.49", "distress")


@pytest.mark.parametrize(
    ("z", "zone"), [("2.61", "safe"), ("2.6", "grey"), ("1.1", "grey"), ("1.09", "distress")]
)
def test_the_zone_boundaries(z: str, zone: str) -> None:
    assert zone_of(Decimal(z)) == zone


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"total_assets": -1}, "total_assets"),
        ({"total_assets": 0}, "total_assets"),
        ({"current_assets": 100_000_001}, "current_assets"),
        ({"cash": 20_000_000}, "current_assets"),
        ({"inventory": -1}, "inventory"),
        ({"current_liabilities": 60_000_001}, "current_liabilities"),
    ],
)
def test_impossible_statements_name_the_field(change: dict[str, int], field: str) -> None:
    with pytest.raises(ImpossibleStatement) as refused:
        checked(FinancialStatement(**{**HEALTHY.__dict__, **change}))
    assert refused.value.field == field


amounts = st.integers(-(10**12), 10**12)


@given(re=amounts, ebit=amounts, equity=amounts, tl=st.integers(1, 10**12))
def test_z_matches_the_exact_formula_for_any_earnings(
    re: int, ebit: int, equity: int, tl: int
) -> None:
    s = FinancialStatement(
        **{
            **HEALTHY.__dict__,
            "retained_earnings": re,
            "ebit": ebit,
            "equity": equity,
            "total_liabilities": tl,
        }
    )
    r = ratios_of(s)
    assert r.altman_z is not None
    assert rounded(r.altman_z) == as_text(oracle_z(s))
