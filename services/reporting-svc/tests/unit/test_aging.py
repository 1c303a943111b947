"""The aging rules themselves, on plain values."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reporting_svc.projections.aging.reference import (
    BUCKETS,
    AgedAmounts,
    AppliedPayment,
    CurrencyAging,
    CustomerAging,
    IssuedInvoice,
    age_receivables,
    bucket_for,
    days_past_due,
)

AS_OF = date(2026, 6, 30)


def invoice(
    invoice_id: str, total: int, *, due: date, customer: str = "c1", currency: str = "EUR"
) -> IssuedInvoice:
    return IssuedInvoice(invoice_id, customer, currency, total, date(2026, 1, 1), due)


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-10, "current"),
        (0, "current"),
        (1, "days_1_30"),
        (30, "days_1_30"),
        (31, "days_31_60"),
        (60, "days_31_60"),
        (61, "days_61_90"),
        (90, "days_61_90"),
        (91, "days_over_90"),
        (5000, "days_over_90"),
    ],
)
def test_days_past_due_fall_in_their_bucket_at_every_boundary(days: int, bucket: str) -> None:
    assert bucket_for(days).name == bucket


@given(st.integers(-100_000, 100_000))
def test_every_day_past_due_falls_in_exactly_one_bucket(days: int) -> None:
    assert sum(b.holds(days) for b in BUCKETS) == 1


def test_an_invoice_due_today_is_current_and_due_yesterday_is_one_day_late() -> None:
    assert days_past_due(AS_OF, AS_OF) == 0
    assert days_past_due(AS_OF - timedelta(days=1), AS_OF) == 1


def test_a_payment_received_after_the_date_does_not_reduce_that_dates_aging() -> None:
    invoices = [invoice("i1", 10_000, due=date(2026, 6, 20))]
    payments = [
        AppliedPayment("i1", 4_000, date(2026, 6, 30)),
        AppliedPayment("i1", 1, AS_OF + timedelta(days=1)),
    ]

    report = age_receivables(invoices, payments, AS_OF)

    assert report.rows == (CustomerAging("c1", "EUR", AgedAmounts(days_1_30=6_000)),)


def test_an_invoice_issued_after_the_date_is_not_yet_owed() -> None:
    later = IssuedInvoice("i1", "c1", "EUR", 500, AS_OF + timedelta(days=1), date(2026, 8, 1))
    assert age_receivables([later], [], AS_OF).rows == ()


def test_a_customer_who_has_paid_everything_has_no_row() -> None:
    invoices = [invoice("i1", 700, due=date(2026, 5, 1))]
    payments = [
        AppliedPayment("i1", 300, date(2026, 5, 2)),
        AppliedPayment("i1", 400, date(2026, 6, 1)),
    ]

    report = age_receivables(invoices, payments, AS_OF)

    assert (report.rows, report.totals) == ((), ())


def test_two_currencies_are_totalled_apart() -> None:
    invoices = [
        invoice("i1", 12_000, due=date(2026, 7, 15), customer="c2", currency="USD"),
        invoice("i2", 1_200, due=date(2026, 3, 1), customer="c1", currency="JPY"),
        invoice("i3", 5_050, due=date(2026, 6, 1), customer="c1", currency="USD"),
    ]

    report = age_receivables(invoices, [], AS_OF)

    assert report.totals == (
        CurrencyAging("JPY", AgedAmounts(days_over_90=1_200)),
        CurrencyAging("USD", AgedAmounts(current=12_000, days_1_30=5_050)),
    )
    assert [(r.customer_id, r.currency) for r in report.rows] == [
        ("c1", "JPY"),
        ("c1", "USD"),
        ("c2", "USD"),
    ]


def test_the_customer_filter_keeps_that_customer_and_its_totals_only() -> None:
    invoices = [
        invoice("i1", 100, due=AS_OF, customer="c1"),
        invoice("i2", 900, due=AS_OF, customer="c2"),
    ]

    report = age_receivables(invoices, [], AS_OF, customer_id="c2")

    assert report.rows == (CustomerAging("c2", "EUR", AgedAmounts(current=900)),)
    assert report.totals == (CurrencyAging("EUR", AgedAmounts(current=900)),)


@st.composite
def books(draw: st.DrawFn) -> tuple[list[IssuedInvoice], list[AppliedPayment]]:
    invoices = [
        IssuedInvoice(
            f"i{n}",
            draw(st.sampled_from(["c1", "c2", "c3"])),
            draw(st.sampled_from(["EUR", "JPY"])),
            draw(st.integers(1, 10**9)),
            date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 200))),
            date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 300))),
        )
        for n in range(draw(st.integers(0, 10)))
    ]
    payments = [
        AppliedPayment(i.invoice_id, draw(st.integers(1, i.total)), AS_OF + timedelta(days=d))
        for i in invoices
        for d in draw(st.lists(st.integers(-200, 30), max_size=3))
    ]
    return invoices, payments


@given(books())
def test_totals_are_the_rows_summed_per_currency_and_every_amount_is_owed(
    book: tuple[list[IssuedInvoice], list[AppliedPayment]],
) -> None:
    invoices, payments = book
    report = age_receivables(invoices, payments, AS_OF)

    for total in report.totals:
        rows = [r.amounts for r in report.rows if r.currency == total.currency]
        assert sum(rows, AgedAmounts()) == total.amounts
    assert all(r.amounts.total > 0 for r in report.rows)
    assert all(getattr(r.amounts, b.name) >= 0 for r in report.rows for b in BUCKETS)
    owed: dict[str, int] = {}
    for i in invoices:
        if i.issue_date <= AS_OF:
            paid = sum(
                p.amount
                for p in payments
                if p.invoice_id == i.invoice_id and p.received_on <= AS_OF
            )
            if i.total > paid:
                owed[i.currency] = owed.get(i.currency, 0) + i.total - paid
    assert {t.currency: t.amounts.total for t in report.totals} == owed
