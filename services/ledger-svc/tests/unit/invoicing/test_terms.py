from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger_svc.adapters.business_calendar import UnknownBusinessCalendar, business_calendar
from ledger_svc.domain.calendar import CALENDAR_DAYS, BusinessCalendar
from ledger_svc.domain.invoicing.terms import (
    EarlyPaymentDiscount,
    Instalment,
    InstalmentRule,
    InvalidTerms,
    PaymentTerms,
    TermsKind,
    early_payment_discount,
    resolve_terms,
    split_by_percent,
)

MARCH_1 = date(2026, 3, 1)


def schedule(
    terms: PaymentTerms,
    total: int = 10000,
    issued: date = MARCH_1,
    calendar: BusinessCalendar = CALENDAR_DAYS,
) -> tuple[Instalment, ...]:
    return resolve_terms(terms, total=total, issue_date=issued, calendar=calendar).schedule


def instalments(*shares: tuple[str, int]) -> PaymentTerms:
    rules = tuple(InstalmentRule(Decimal(p), days) for p, days in shares)
    return PaymentTerms(TermsKind.INSTALMENTS, instalments=rules)


def test_net_terms_fall_due_the_given_days_after_issue_in_one_sum() -> None:
    assert schedule(PaymentTerms(TermsKind.NET, days=30)) == (Instalment(date(2026, 3, 31), 10000),)


@pytest.mark.parametrize(
    ("issued", "days", "due"),
    [
        (date(2026, 2, 10), 15, date(2026, 3, 15)),
        (date(2028, 2, 5), 0, date(2028, 2, 29)),
        (date(2026, 12, 31), 30, date(2027, 1, 30)),
    ],
)
def test_end_of_month_terms_count_from_the_last_day_of_the_issue_month(
    issued: date, days: int, due: date
) -> None:
    terms = PaymentTerms(TermsKind.END_OF_MONTH, days=days)
    assert schedule(terms, issued=issued) == (Instalment(due, 10000),)


def test_thirty_now_seventy_in_sixty_days_puts_the_remainder_cent_on_the_last() -> None:
    # 30 % of 100.01 is 30.003: the first instalment takes 30.00, the last 70.01.
    assert schedule(instalments(("30", 0), ("70", 60)), total=10001) == (
        Instalment(MARCH_1, 3000),
        Instalment(date(2026, 4, 30), 7001),
    )


@pytest.mark.parametrize(
    ("open_amount", "unpaid_since"),
    [
        (10000, MARCH_1),  # nothing paid: the first instalment is unpaid
        (7001, MARCH_1),  # one cent short of the first instalment
        (7000, date(2026, 4, 30)),  # the first instalment paid off
        (1, date(2026, 4, 30)),
        (0, None),
    ],
)
def test_what_is_owed_is_unpaid_since_the_earliest_instalment_not_yet_paid_off(
    open_amount: int, unpaid_since: date | None
) -> None:
    terms = resolve_terms(
        instalments(("30", 0), ("70", 60)), total=10000, issue_date=MARCH_1, calendar=CALENDAR_DAYS
    )
    assert terms.unpaid_since(open_amount) == unpaid_since


def test_thirds_round_down_and_the_last_third_takes_what_is_left() -> None:
    thirds = instalments(("33.3333", 30), ("33.3333", 60), ("33.3334", 90))
    assert [i.amount for i in schedule(thirds, total=100)] == [33, 33, 34]


@given(
    total=st.integers(0, 10**15),
    weights=st.lists(st.integers(1, 10**6), min_size=1, max_size=12),
)
def test_instalments_always_add_up_to_exactly_the_total(total: int, weights: list[int]) -> None:
    # Percentages with four decimals that sum to exactly 100.
    scale = sum(weights)
    percents = [Decimal(w * 1_000_000 // scale).scaleb(-4) for w in weights]
    percents[-1] += Decimal(100) - sum(percents)
    shares = split_by_percent(total, percents)
    assert sum(shares) == total
    assert all(share >= 0 for share in shares)
    for share, percent in zip(shares[:-1], percents[:-1], strict=True):
        assert share <= total * percent / 100 < share + 1


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        (instalments(("30", 0), ("60", 60)), "terms.instalments"),
        (instalments(("0", 0), ("100", 60)), "terms.instalments.0.percent"),
        (instalments(("50", 0), ("50", -1)), "terms.instalments.1.days"),
        (instalments(("33.33333", 0), ("66.66667", 10)), "terms.instalments.0.percent"),
        (PaymentTerms(TermsKind.INSTALMENTS), "terms.instalments"),
        (
            PaymentTerms(
                TermsKind.INSTALMENTS, days=3, instalments=((InstalmentRule(Decimal(100), 0)),)
            ),
            "terms.days",
        ),
        (PaymentTerms(TermsKind.NET), "terms.days"),
        (PaymentTerms(TermsKind.NET, days=-1), "terms.days"),
        (PaymentTerms(TermsKind.END_OF_MONTH, days=3651), "terms.days"),
        (
            PaymentTerms(TermsKind.NET, days=30, instalments=(InstalmentRule(Decimal(100), 0),)),
            "terms.instalments",
        ),
        (
            PaymentTerms(
                TermsKind.NET, days=30, early_discount=EarlyPaymentDiscount(Decimal(100), 10)
            ),
            "terms.early_payment_discount.percent",
        ),
        (
            PaymentTerms(
                TermsKind.NET, days=30, early_discount=EarlyPaymentDiscount(Decimal(0), 10)
            ),
            "terms.early_payment_discount.percent",
        ),
        (
            PaymentTerms(
                TermsKind.NET, days=30, early_discount=EarlyPaymentDiscount(Decimal(2), 31)
            ),
            "terms.early_payment_discount.days",
        ),
        (
            PaymentTerms(
                TermsKind.INSTALMENTS,
                instalments=(InstalmentRule(Decimal(100), 30),),
                early_discount=EarlyPaymentDiscount(Decimal(2), 10),
            ),
            "terms.early_payment_discount",
        ),
    ],
)
def test_terms_that_cannot_be_scheduled_are_refused_naming_the_field(
    terms: PaymentTerms, field: str
) -> None:
    with pytest.raises(InvalidTerms) as refused:
        schedule(terms)
    assert refused.value.field == field


def test_two_percent_ten_net_thirty_earns_the_discount_until_the_tenth_day() -> None:
    terms = PaymentTerms(
        TermsKind.NET, days=30, early_discount=EarlyPaymentDiscount(Decimal(2), 10)
    )
    resolved = resolve_terms(terms, total=10025, issue_date=MARCH_1, calendar=CALENDAR_DAYS)
    assert (resolved.discount_percent, resolved.discount_until) == (Decimal(2), date(2026, 3, 11))
    # 2 % of 100.25 is 2.005, rounded half-up to 2.01.
    assert early_payment_discount(10025, Decimal(2), date(2026, 3, 11), date(2026, 3, 11)) == 201
    assert early_payment_discount(10025, Decimal(2), date(2026, 3, 11), date(2026, 3, 12)) == 0
    assert early_payment_discount(10025, None, None, MARCH_1) == 0


def test_with_a_german_calendar_a_due_date_at_christmas_rolls_past_the_weekend() -> None:
    germany = business_calendar("DE")
    issued = date(2026, 11, 25)
    net_30 = PaymentTerms(TermsKind.NET, days=30)  # 2026-12-25, Christmas, a Friday
    assert schedule(net_30, issued=issued)[0].due_date == date(2026, 12, 25)
    assert schedule(net_30, issued=issued, calendar=germany)[0].due_date == date(2026, 12, 28)
    net_31 = PaymentTerms(TermsKind.NET, days=31)  # Saturday 26th, also a holiday
    assert schedule(net_31, issued=issued, calendar=germany)[0].due_date == date(2026, 12, 28)


def test_with_a_chinese_calendar_golden_week_rolls_and_a_makeup_saturday_is_a_business_day() -> (
    None
):
    china = business_calendar("CN")
    assert china.roll_forward(date(2026, 10, 1)) == date(2026, 10, 8)
    assert china.roll_forward(date(2026, 10, 10)) == date(2026, 10, 10)
    assert china.roll_forward(date(2026, 10, 11)) == date(2026, 10, 12)


def test_a_regional_calendar_knows_its_own_holidays() -> None:
    epiphany = date(2026, 1, 6)  # a Tuesday, a holiday in Bavaria only
    assert business_calendar("DE").roll_forward(epiphany) == epiphany
    assert business_calendar("DE-BY").roll_forward(epiphany) == date(2026, 1, 7)


@pytest.mark.parametrize("name", ["XX", "DE-ZZ"])
def test_an_unknown_calendar_is_refused(name: str) -> None:
    with pytest.raises(UnknownBusinessCalendar):
        business_calendar(name)
