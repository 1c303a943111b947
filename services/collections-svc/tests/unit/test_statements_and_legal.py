"""Statement periods and what a legal bundle encloses, against rules written out by hand."""

from datetime import date

import pytest

from collections_svc.domain.case import CaseStatus, CollectionCase
from collections_svc.domain.dunning import DunnedInvoice
from collections_svc.domain.dunning_policy import Channel
from collections_svc.domain.legal import legal_bundle
from collections_svc.domain.notice import Notice, NoticeLine, NoticeStatus
from collections_svc.domain.statement_run import (
    StatementPeriodInvalid,
    check_statement_period,
    notice_statement_period,
    years_from,
)

D = date


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (D(2026, 12, 8), -1, D(2025, 12, 8)),
        (D(2028, 2, 29), 1, D(2029, 3, 1)),
        (D(2028, 2, 29), -1, D(2027, 3, 1)),
        (D(2025, 3, 1), 1, D(2026, 3, 1)),
    ],
)
def test_a_year_later_is_the_same_day_and_29_february_becomes_1_march(
    day: date, years: int, expected: date
) -> None:
    assert years_from(day, years) == expected


@pytest.mark.parametrize(
    ("date_from", "date_to", "allowed"),
    [
        (D(2026, 11, 1), D(2026, 11, 1), True),
        (D(2025, 12, 1), D(2026, 11, 30), True),
        (D(2025, 11, 30), D(2026, 11, 30), False),
        (D(2026, 11, 2), D(2026, 11, 1), False),
        (D(2028, 2, 29), D(2029, 2, 28), True),
        (D(2028, 2, 29), D(2029, 3, 1), False),
    ],
)
def test_a_statement_period_is_at_most_a_year_and_runs_forwards(
    date_from: date, date_to: date, allowed: bool
) -> None:
    if allowed:
        check_statement_period(date_from, date_to)
    else:
        with pytest.raises(StatementPeriodInvalid) as refused:
            check_statement_period(date_from, date_to)
        assert refused.value.field == "to"


def test_a_notice_carries_the_statement_of_the_year_up_to_its_run() -> None:
    assert notice_statement_period(D(2026, 12, 8)) == (D(2025, 12, 9), D(2026, 12, 8))
    check_statement_period(*notice_statement_period(D(2028, 2, 29)))


def notice(notice_id: str, *invoice_ids: str) -> Notice:
    lines = tuple(NoticeLine(i, f"N-{i}", 1, "EUR", 100, 5) for i in invoice_ids)
    return Notice(notice_id, "r", "c", Channel.EMAIL, NoticeStatus.SENT, lines, f"<{notice_id}>")


def test_the_bundle_encloses_the_notices_naming_a_still_open_invoice_and_totals_them() -> None:
    case = CollectionCase("k", "c", "EUR", CaseStatus.OPEN, 300_00, D(2026, 10, 2))
    still_open = [
        DunnedInvoice("a", "c", "A", "EUR", 120_00, D(2026, 10, 1)),
        DunnedInvoice("b", "c", "B", "EUR", 30_50, D(2026, 10, 1)),
        DunnedInvoice("u", "c", "U", "USD", 7_00, D(2026, 10, 1)),
    ]
    sent = [notice("1", "a"), notice("2", "paid"), notice("3", "paid", "b")]

    bundle = legal_bundle(case, D(2026, 11, 12), D(2026, 12, 31), still_open, sent)

    assert [n.id for n in bundle.notices] == ["1", "3"]
    assert bundle.open_totals == {"EUR": 150_50, "USD": 7_00}
