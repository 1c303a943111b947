"""The per-invoice dunning rules, against an oracle written from the issue's wording."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from collections_svc.domain.dunning import DunnedInvoice, next_level
from collections_svc.domain.dunning_policy import (
    Channel,
    DunningLevel,
    DunningPolicy,
    PolicyStatus,
    Template,
)

DUE = date(2026, 10, 1)


def policy(offsets: list[int], min_days: int = 7, min_amount: int = 0) -> DunningPolicy:
    levels = tuple(
        DunningLevel(n + 1, offset, Channel.EMAIL, Template.NOTICE)
        for n, offset in enumerate(offsets)
    )
    return DunningPolicy("p", "p", 1, PolicyStatus.ACTIVE, levels, min_days, {"EUR": min_amount}, 3)


def invoice(level: int = 0, last: date | None = None, open_amount: int = 100_00) -> DunnedInvoice:
    return DunnedInvoice("i", "c", "INV-1", "EUR", open_amount, DUE, level, last)


def oracle(inv: DunnedInvoice, pol: DunningPolicy, as_of: date) -> int | None:
    """Issue 11, item 2, read literally."""
    if inv.open_amount < pol.min_amount.get("EUR", 0) or inv.open_amount <= 0:
        return None
    if inv.last_notice_on and (as_of - inv.last_notice_on).days < pol.min_days_between_notices:
        return None
    later = [lv for lv in pol.levels if lv.level > inv.level]
    # Only a pre-due level is passed over, and only once the due date is reached.
    later = [lv for lv in later if not (lv.days_from_due < 0 and as_of >= inv.due_date)]
    if not later:
        return None
    nxt = later[0]
    return nxt.level if as_of >= inv.due_date + timedelta(days=nxt.days_from_due) else None


def test_the_reminder_before_the_due_date_is_passed_over_once_due() -> None:
    pol = policy([-5, 7, 21])
    assert [
        next_level(invoice(), pol, d)
        for d in (date(2026, 9, 25), date(2026, 9, 26), date(2026, 10, 1), date(2026, 10, 8))
    ] == [None, pol.levels[0], None, pol.levels[1]]


def test_an_invoice_long_overdue_climbs_to_the_next_level_only() -> None:
    pol = policy([-5, 7, 21, 30])
    assert (
        next_level(invoice(level=2, last=date(2026, 10, 8)), pol, date(2027, 6, 1))
        == (pol.levels[2])
    )


def test_too_soon_after_the_last_notice_or_below_the_minimum_nothing_moves() -> None:
    pol = policy([7, 21], min_days=7, min_amount=50_00)
    assert next_level(invoice(1, date(2026, 11, 20)), pol, date(2026, 11, 26)) is None
    assert next_level(invoice(open_amount=49_99), pol, date(2026, 11, 26)) is None
    assert next_level(invoice(1, date(2026, 11, 20)), pol, date(2026, 11, 27)) == pol.levels[1]


@given(
    offsets=st.lists(st.integers(-30, 90), min_size=1, max_size=6, unique=True).map(sorted),
    level=st.integers(0, 6),
    last_gap=st.one_of(st.none(), st.integers(0, 30)),
    as_of_offset=st.integers(-40, 200),
    min_days=st.integers(0, 14),
    open_amount=st.integers(0, 10_000),
    min_amount=st.integers(0, 5_000),
)
def test_the_rules_match_the_issue_read_literally(
    offsets: list[int],
    level: int,
    last_gap: int | None,
    as_of_offset: int,
    min_days: int,
    open_amount: int,
    min_amount: int,
) -> None:
    pol = policy(offsets, min_days, min_amount)
    as_of = DUE + timedelta(days=as_of_offset)
    last = None if last_gap is None or level == 0 else as_of - timedelta(days=last_gap)
    inv = invoice(min(level, len(offsets)), last, open_amount)

    found = next_level(inv, pol, as_of)

    assert (found.level if found else None) == oracle(inv, pol, as_of)
    assert found is None or found.level > inv.level
