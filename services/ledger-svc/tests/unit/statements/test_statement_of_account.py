from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ledger_svc.domain.invoicing.terms import Instalment
from ledger_svc.domain.statements.statement import (
    AgingBucket,
    Movement,
    OpenItemAtDate,
    Statement,
    age,
    bucket_for,
    unpaid_parts,
    with_running_balance,
)

END = date(2026, 6, 30)


def movement(debit: int = 0, credit: int = 0, n: int = 0) -> Movement:
    return Movement(
        f"e{n}", date(2026, 6, 1), "invoice", f"s{n}", "memo", None, (), False, debit, credit
    )


def item(open_amount: int, *schedule: tuple[date, int]) -> OpenItemAtDate:
    return OpenItemAtDate("i1", "INV-1", open_amount, tuple(Instalment(d, a) for d, a in schedule))


def test_days_past_due_fall_into_the_five_aging_buckets() -> None:
    assert [bucket_for(d) for d in (-5, 0, 1, 30, 31, 60, 61, 90, 91, 400)] == [
        AgingBucket.CURRENT,
        AgingBucket.CURRENT,
        AgingBucket.DAYS_1_30,
        AgingBucket.DAYS_1_30,
        AgingBucket.DAYS_31_60,
        AgingBucket.DAYS_31_60,
        AgingBucket.DAYS_61_90,
        AgingBucket.DAYS_61_90,
        AgingBucket.OVER_90,
        AgingBucket.OVER_90,
    ]


def test_a_part_payment_settles_the_earliest_instalment_first() -> None:
    # 300.00 due in May, 700.00 due in July; 400.00 paid: 0 left of May, 600.00 of July.
    parts = unpaid_parts(item(60000, (date(2026, 5, 1), 30000), (date(2026, 7, 1), 70000)))
    assert parts == [(date(2026, 7, 1), 60000)]
    parts = unpaid_parts(item(90000, (date(2026, 5, 1), 30000), (date(2026, 7, 1), 70000)))
    assert parts == [(date(2026, 5, 1), 20000), (date(2026, 7, 1), 70000)]


def test_an_instalment_invoice_ages_each_unpaid_instalment_by_its_own_due_date() -> None:
    aging = age(
        [item(90000, (date(2026, 5, 1), 30000), (date(2026, 7, 1), 70000))],
        customer_credit=1500,
        as_of=END,
    )
    assert aging.buckets[AgingBucket.DAYS_31_60] == 20000  # 60 days past 1 May
    assert aging.buckets[AgingBucket.CURRENT] == 70000
    assert (aging.open_items, aging.balance) == (90000, 88500)


def test_receivable_without_an_invoice_is_aged_as_current() -> None:
    aging = age([OpenItemAtDate(None, None, 1234, ())], customer_credit=0, as_of=END)
    assert aging.buckets[AgingBucket.CURRENT] == 1234


def test_running_balance_carries_each_movement() -> None:
    ran = with_running_balance(1000, [movement(500), movement(credit=1700, n=1), movement(200)])
    assert [m.balance for m in ran] == [1500, -200, 0]


@st.composite
def schedules(draw: st.DrawFn) -> OpenItemAtDate:
    amounts = draw(st.lists(st.integers(0, 10**9), min_size=1, max_size=6))
    start = draw(st.dates(date(2020, 1, 1), date(2030, 1, 1)))
    schedule = [(start + timedelta(days=30 * n), a) for n, a in enumerate(amounts)]
    open_amount = draw(st.integers(-(10**6), sum(amounts) + 10**6))
    return item(open_amount, *schedule)


@given(schedules(), st.dates(date(2019, 1, 1), date(2031, 1, 1)))
def test_aging_never_creates_or_loses_a_cent(open_item: OpenItemAtDate, as_of: date) -> None:
    assert sum(a for _, a in unpaid_parts(open_item)) == open_item.open_amount
    assert age([open_item], customer_credit=0, as_of=as_of).open_items == open_item.open_amount


@given(
    st.integers(-(10**12), 10**12),
    st.lists(st.tuples(st.integers(0, 10**12), st.integers(0, 10**12)), max_size=40),
)
def test_opening_plus_movements_is_the_closing_balance(
    opening: int, sides: list[tuple[int, int]]
) -> None:
    movements = with_running_balance(opening, [movement(d, c, n) for n, (d, c) in enumerate(sides)])
    statement = Statement(
        "c1", "EUR", date(2026, 6, 1), END, opening, movements, age([], 0, as_of=END)
    )
    expected = opening + sum(d for d, _ in sides) - sum(c for _, c in sides)
    assert statement.closing_balance == expected
    assert (movements[-1].balance if movements else opening) == expected
    assert statement.opening_as_of == date(2026, 5, 31)
