from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ledger_svc.domain.payments.allocation import Allocation, OpenItem, allocate

JAN_1 = date(2026, 1, 1)


def item(invoice_id: str, open_amount: int, due: date, issued: date = JAN_1) -> OpenItem:
    return OpenItem(invoice_id, f"INV-2026-{invoice_id}", issued, due, open_amount)


def test_a_payment_settles_the_oldest_due_invoice_first_and_the_next_partially() -> None:
    later = item("000002", 30000, due=date(2026, 3, 1))
    oldest = item("000001", 10000, due=date(2026, 2, 1))
    application = allocate(25000, [later, oldest])
    assert application.allocations == (
        Allocation("000001", 10000, 0),
        Allocation("000002", 15000, 15000),
    )
    assert application.unapplied == 0


def test_a_surplus_after_every_invoice_is_paid_stays_unapplied_as_credit() -> None:
    application = allocate(12345, [item("000001", 10000, due=date(2026, 2, 1))])
    assert application.allocations == (Allocation("000001", 10000, 0),)
    assert application.unapplied == 2345


def test_with_nothing_open_the_whole_payment_is_credit() -> None:
    assert allocate(500, []).allocations == ()
    assert allocate(500, []).unapplied == 500


def test_equal_due_dates_go_to_the_earlier_issue_date_then_the_lower_number() -> None:
    due = date(2026, 2, 1)
    items = [
        item("000003", 100, due, issued=date(2026, 1, 5)),
        item("000002", 100, due, issued=date(2026, 1, 1)),
        item("000001", 100, due, issued=date(2026, 1, 5)),
    ]
    application = allocate(250, items)
    assert [(a.invoice_id, a.amount) for a in application.allocations] == [
        ("000002", 100),
        ("000001", 100),
        ("000003", 50),
    ]


open_items = st.lists(
    st.builds(
        OpenItem,
        invoice_id=st.uuids().map(str),
        number=st.from_regex(r"INV-2026-\d{6}", fullmatch=True),
        issue_date=st.dates(JAN_1, date(2026, 12, 31)),
        due_date=st.dates(JAN_1, date(2027, 6, 30)),
        open_amount=st.integers(1, 10**9),
    ),
    max_size=12,
    unique_by=lambda i: i.invoice_id,
)


@given(amount=st.integers(0, 10**10), items=open_items)
def test_every_minor_unit_of_a_payment_is_applied_once_oldest_first(
    amount: int, items: list[OpenItem]
) -> None:
    application = allocate(amount, items)
    by_id = {i.invoice_id: i for i in items}

    assert application.applied + application.unapplied == amount
    assert application.unapplied >= 0
    for allocation in application.allocations:
        owed = by_id[allocation.invoice_id].open_amount
        assert 0 < allocation.amount <= owed
        assert allocation.open_amount_after == owed - allocation.amount
    # Oldest first: only the last invoice touched may be left partly open, and every item
    # more senior than it was touched.
    touched = [by_id[a.invoice_id] for a in application.allocations]
    assert touched == sorted(touched, key=lambda i: i.seniority)
    assert all(a.closes_invoice for a in application.allocations[:-1])
    if touched:
        untouched = [i for i in items if i.invoice_id not in {t.invoice_id for t in touched}]
        assert all(i.seniority >= touched[-1].seniority for i in untouched)
    if application.unapplied > 0:
        assert application.applied == sum(i.open_amount for i in items)
