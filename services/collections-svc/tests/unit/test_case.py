from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from collections_svc.domain.arrears import Receivable, overdue_total
from collections_svc.domain.case import CaseStatus, CollectionCase, open_case

OPENED = date(2026, 11, 1)


def a_case(overdue_amount: int = 150_00) -> CollectionCase:
    case = open_case("case-1", "c1", "EUR", overdue_amount, OPENED)
    assert case is not None
    return case


def test_a_case_opens_with_the_overdue_amount_on_the_business_date() -> None:
    case = a_case(120_50)
    assert (case.status, case.overdue_amount, case.opened_on, case.closed_on) == (
        CaseStatus.OPEN,
        12050,
        OPENED,
        None,
    )


def test_no_case_opens_when_nothing_is_overdue() -> None:
    assert open_case("case-1", "c1", "EUR", 0, OPENED) is None


def test_a_partial_payment_keeps_the_case_open_at_what_is_still_overdue() -> None:
    case = a_case().follow_arrears(40_25, date(2026, 11, 8))
    assert (case.status, case.overdue_amount, case.closed_on) == (CaseStatus.OPEN, 4025, None)


def test_nothing_left_overdue_closes_the_case_on_that_date() -> None:
    case = a_case().follow_arrears(0, date(2026, 11, 12))
    assert (case.status, case.overdue_amount, case.closed_on) == (
        CaseStatus.CLOSED,
        0,
        date(2026, 11, 12),
    )


def test_a_payment_dated_before_the_case_opened_closes_it_on_its_opening_date() -> None:
    case = a_case().follow_arrears(0, date(2026, 10, 30))
    assert (case.status, case.closed_on) == (CaseStatus.CLOSED, OPENED)


def test_a_closed_case_is_not_reopened_by_new_arrears() -> None:
    closed = a_case().follow_arrears(0, date(2026, 11, 12))
    assert closed.follow_arrears(500, date(2026, 12, 1)) == closed


def test_overdue_total_counts_only_overdue_invoices_in_the_case_currency() -> None:
    receivables = [
        Receivable("i1", "EUR", 100_00, overdue=True),
        Receivable("i2", "EUR", 50_25, overdue=True),
        Receivable("i3", "EUR", 999_99),
        Receivable("i4", "USD", 700, overdue=True),
    ]
    assert overdue_total(receivables, "EUR") == 15025


@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10**15), st.booleans()), max_size=30))
def test_overdue_total_is_the_exact_sum_of_overdue_open_amounts(
    invoices: list[tuple[int, bool]],
) -> None:
    receivables = [Receivable(f"i{n}", "EUR", a, late) for n, (a, late) in enumerate(invoices)]
    assert overdue_total(receivables, "EUR") == sum(a for a, late in invoices if late)


@given(st.integers(min_value=1, max_value=10**15), st.integers(min_value=0, max_value=10**15))
def test_a_case_is_open_exactly_while_something_is_overdue(opened_with: int, now: int) -> None:
    case = a_case(opened_with).follow_arrears(now, date(2026, 11, 30))
    assert (case.status is CaseStatus.OPEN) == (now > 0)
    assert case.overdue_amount == now
