"""Voided invoices in the aging rules: gone from the void date on, still there before it."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from reporting_svc.projections.aging.reference import (
    AgedAmounts,
    AppliedPayment,
    CustomerAging,
    IssuedInvoice,
    VoidedInvoice,
    age_receivables,
)

AS_OF = date(2026, 6, 30)
VOIDED_ON = date(2026, 6, 15)
DUE = date(2026, 6, 1)
Book = tuple[list[IssuedInvoice], list[AppliedPayment], list[VoidedInvoice]]


def invoice(invoice_id: str, total: int, customer: str = "c1") -> IssuedInvoice:
    return IssuedInvoice(invoice_id, customer, "EUR", total, date(2026, 5, 1), DUE)


def void(of: IssuedInvoice, on: date = VOIDED_ON) -> VoidedInvoice:
    return VoidedInvoice(of.invoice_id, of.customer_id, of.currency, of.total, on)


def test_an_aging_before_the_void_still_shows_the_invoice() -> None:
    voided, kept = invoice("i1", 10_050), invoice("i2", 2_000)
    day_before = VOIDED_ON - timedelta(days=1)

    report = age_receivables([voided, kept], [], day_before, voids=[void(voided)])

    assert report.rows == (CustomerAging("c1", "EUR", AgedAmounts(days_1_30=12_050)),)


def test_an_aging_on_or_after_the_void_date_leaves_the_invoice_out() -> None:
    voided, kept = invoice("i1", 10_050), invoice("i2", 2_000)

    on_the_day = age_receivables([voided, kept], [], VOIDED_ON, voids=[void(voided)])
    later = age_receivables([voided, kept], [], AS_OF, voids=[void(voided)])

    assert on_the_day.rows == (CustomerAging("c1", "EUR", AgedAmounts(days_1_30=2_000)),)
    assert later.rows == (CustomerAging("c1", "EUR", AgedAmounts(days_1_30=2_000)),)


def test_a_customer_whose_only_invoice_was_voided_has_no_row_or_total() -> None:
    voided = invoice("i1", 10_050)

    report = age_receivables([voided], [], AS_OF, voids=[void(voided)])

    assert (report.rows, report.totals) == ((), ())


def test_when_an_invoice_is_voided_twice_the_first_void_stands() -> None:
    voided = invoice("i1", 10_050)
    voids = [void(voided, date(2026, 6, 20)), void(voided, VOIDED_ON)]

    report = age_receivables([voided], [], date(2026, 6, 17), voids=voids)

    assert report.rows == ()


def test_a_void_of_an_invoice_never_issued_changes_nothing() -> None:
    kept = invoice("i2", 2_000)
    unknown = VoidedInvoice("never-issued", "c1", "EUR", 99_999, DUE)

    report = age_receivables([kept], [], AS_OF, voids=[unknown])

    assert report == age_receivables([kept], [], AS_OF)


@st.composite
def books(draw: st.DrawFn) -> Book:
    invoices = [
        IssuedInvoice(
            f"i{n}",
            draw(st.sampled_from(["c1", "c2"])),
            draw(st.sampled_from(["EUR", "JPY"])),
            draw(st.integers(1, 10**9)),
            AS_OF - timedelta(days=draw(st.integers(0, 200))),
            AS_OF - timedelta(days=draw(st.integers(-30, 150))),
        )
        for n in range(draw(st.integers(0, 8)))
    ]
    payments = [
        AppliedPayment(i.invoice_id, draw(st.integers(1, i.total)), AS_OF - timedelta(days=d))
        for i in invoices
        for d in draw(st.lists(st.integers(-10, 100), max_size=2))
    ]
    voids = [
        void(i, AS_OF + timedelta(days=draw(st.integers(-60, 60))))
        for i in invoices
        if draw(st.booleans())
    ]
    return invoices, payments, voids


@given(books())
def test_voids_age_the_book_as_if_the_invoices_voided_by_then_had_never_been_issued(
    book: Book,
) -> None:
    invoices, payments, voids = book
    gone = {v.invoice_id for v in voids if v.voided_on <= AS_OF}
    still_owed = [i for i in invoices if i.invoice_id not in gone]

    report = age_receivables(invoices, payments, AS_OF, voids=voids)

    assert report == age_receivables(still_owed, payments, AS_OF)
