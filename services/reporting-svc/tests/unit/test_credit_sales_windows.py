"""Credit sales in many windows at once, in one pass, equal each window's sales taken on its
own by the definition: invoices issued in (after, through], less credit notes issued in it,
less invoices issued in it and voided by its end; windows may overlap, touch or be empty.
Opening balances are no sales: they are what each window brought in, apart."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from reporting_svc.projections.kpis.inputs import (
    SaleFact,
    brought_in_per_window,
    credit_sales_per_window,
)

START = date(2026, 1, 1)
days = st.integers(0, 120).map(lambda n: START + timedelta(days=n))


@st.composite
def facts(draw: st.DrawFn) -> SaleFact:
    amount = draw(st.integers(-5_000, 10_000).filter(bool))
    voided = draw(st.none() | days) if amount > 0 else None
    opening = draw(st.booleans()) if amount > 0 else False
    return SaleFact(
        draw(st.sampled_from(["c1", "c2"])), draw(st.sampled_from(["EUR", "CNY"])), draw(days),
        amount, voided, opening,
    )  # fmt: skip


windows = st.tuples(days, days).map(lambda w: (min(w), max(w)))


def by_definition(
    found: list[SaleFact], after: date, through: date, opening: bool = False
) -> dict[tuple[str, str], int]:
    """Sales (opening balances apart), or what opening balances brought in."""
    sums: dict[tuple[str, str], int] = {}
    for f in found:
        voided = f.voided_on is not None and f.voided_on <= through
        if after < f.day <= through and not voided and f.opening == opening:
            key = (f.customer_id, f.currency)
            sums[key] = sums.get(key, 0) + f.amount
    return sums


@given(st.lists(facts(), max_size=40), st.lists(windows, max_size=6))
def test_each_window_holds_its_own_sales(
    found: list[SaleFact], asked: list[tuple[date, date]]
) -> None:
    assert credit_sales_per_window(found, asked) == [by_definition(found, a, t) for a, t in asked]
    assert brought_in_per_window(found, asked) == [
        by_definition(found, a, t, opening=True) for a, t in asked
    ]


def test_a_countback_month_and_the_window_over_it_both_count_an_invoice_voided_in_between() -> None:
    invoice = SaleFact("c1", "EUR", date(2026, 3, 10), 10_000, date(2026, 4, 5))
    note = SaleFact("c1", "EUR", date(2026, 3, 20), -2_500)
    march, spring = (date(2026, 2, 28), date(2026, 3, 31)), (date(2026, 2, 28), date(2026, 4, 30))
    assert credit_sales_per_window([invoice, note], [march, spring]) == [
        {("c1", "EUR"): 7_500},
        {("c1", "EUR"): -2_500},
    ]
