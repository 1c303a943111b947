from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from credit_svc.domain.credit_check import Decision, judge_order
from credit_svc.domain.standing import Standing
from credit_svc.domain.terms import UNGRADED

AS_OF = date(2026, 11, 16)


def standing(limit: int | None, owes: int = 60_000, reserved: int = 0) -> Standing:
    return Standing("c1", "EUR", limit, owes, 0, reserved)


def judged(
    s: Standing, amount: int, *, on_hold: bool = False, overridden: bool = False, **terms: object
) -> tuple[Decision, list[str], int | None]:
    outcome = judge_order(
        s,
        amount,
        on_hold=on_hold,
        as_of=AS_OF,
        terms=replace(UNGRADED, **terms),  # type: ignore[arg-type]
        overridden=overridden,
    )
    return outcome.decision, [r.code for r in outcome.reasons], outcome.available_after


def test_terms_asking_prepayment_refer_the_order() -> None:
    result = judged(standing(100_000), 1_000, prepayment_percent=Decimal(30))
    assert result == (Decision.REFERRED, ["prepayment_required"], 39_000)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (40_000, (Decision.APPROVED, [], 0)),
        (40_001, (Decision.REFERRED, ["over_limit"], -1)),
        # 110% of 1,000.00 is 1,100.00: the tolerance's edge is still referred.
        (50_000, (Decision.REFERRED, ["over_limit"], -10_000)),
        (50_001, (Decision.DECLINED, ["over_limit"], -10_001)),
    ],
)
def test_the_over_limit_tolerance_decides_between_referred_and_declined(
    amount: int, expected: tuple[Decision, list[str], int]
) -> None:
    assert judged(standing(100_000), amount) == expected


def test_reservations_count_against_the_limit() -> None:
    assert judged(standing(100_000, reserved=40_000), 1) == (
        Decision.REFERRED,
        ["over_limit"],
        -1,
    )


def test_every_reason_is_given_and_the_worst_decides() -> None:
    late = replace(standing(None), oldest_overdue_due=date(2026, 10, 1))
    result = judged(late, 1, on_hold=True, prepayment_percent=Decimal(10))
    assert result == (
        Decision.DECLINED,
        ["on_hold", "overdue_beyond_tolerance", "no_credit_limit", "prepayment_required"],
        None,
    )


def test_an_override_approves_a_referral_but_never_a_decline() -> None:
    assert judged(standing(None), 1, overridden=True)[0] is Decision.APPROVED
    assert judged(standing(None), 1, on_hold=True, overridden=True)[0] is Decision.DECLINED


def test_thirty_days_late_is_tolerated_thirty_one_is_not() -> None:
    for due, decision in (
        (date(2026, 10, 17), Decision.APPROVED),
        (date(2026, 10, 16), Decision.DECLINED),
    ):
        late = replace(standing(100_000), oldest_overdue_due=due)
        assert judged(late, 1)[0] is decision
