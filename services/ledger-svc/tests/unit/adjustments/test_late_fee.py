from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ledger_svc.domain.adjustments.late_fee import (
    InvalidLateFeePolicy,
    LateFeeKind,
    LateFeePolicy,
    charge_late_fee,
    late_fee_policy,
    period_of,
)
from ledger_svc.domain.amounts import InvalidAmount
from ledger_svc.domain.books.journal import Account, credit, debit

from .adjustment_invoices import invoice

PERCENT = LateFeePolicy("EUR", LateFeeKind.PERCENT, percent_per_month=Decimal("1.5"))


def test_a_percentage_fee_is_of_the_open_amount_rounded_half_up() -> None:
    # 1.5 % of 333.33 = 4.99995 -> 5.00
    assert PERCENT.fee_for(33333) == 500
    assert PERCENT.fee_for(100) == 2  # 1.5 cents -> 2


def test_a_fixed_fee_is_the_same_whatever_is_open() -> None:
    fixed = late_fee_policy(
        "EUR", LateFeeKind.FIXED, amount="15.00", percent_per_month=None, grace_days=0
    )
    assert (fixed.fee_for(1), fixed.fee_for(10**9)) == (1500, 1500)


def test_an_invoice_is_charged_only_once_past_its_due_date_and_the_grace_days() -> None:
    due = invoice().due_date  # 2026-03-31
    graced = replace(PERCENT, grace_days=5)
    assert not PERCENT.applies(invoice(), due)
    assert PERCENT.applies(invoice(), date(2026, 4, 1))
    assert not graced.applies(invoice(), date(2026, 4, 5))
    assert graced.applies(invoice(), date(2026, 4, 6))
    assert not PERCENT.applies(invoice(open_cents=0), date(2026, 5, 1))


def test_the_period_is_the_calendar_month_of_the_run() -> None:
    assert (period_of(date(2026, 4, 1)), period_of(date(2026, 12, 31))) == ("2026-04", "2026-12")


def test_the_fee_is_billed_as_an_lf_invoice_due_at_once_and_posted_to_late_fee_income() -> None:
    fee = charge_late_fee(
        invoice(open_cents=11900),
        PERCENT,
        as_of=date(2026, 4, 15),
        late_fee_id="lf-1",
        fee_invoice_id="inv-lf",
        fee_number="LF-2026-000001",
    )
    assert fee is not None
    billed = fee.fee_invoice
    assert (fee.amount, fee.base_amount, fee.period) == (179, 11900, "2026-04")
    assert (billed.total, billed.tax, billed.open_amount, billed.due_date) == (
        179,
        0,
        179,
        date(2026, 4, 15),
    )
    assert billed.lines[0].description == "Late fee 2026-04 on invoice INV-2026-000001"
    assert fee.journal_entry().lines == (
        debit(Account.RECEIVABLE, 179, "EUR", customer_id="c1", invoice_id="inv-lf"),
        credit(Account.LATE_FEE_INCOME, 179, "EUR", customer_id="c1"),
    )


def test_a_fee_that_rounds_to_nothing_is_not_charged() -> None:
    tiny = charge_late_fee(
        invoice(open_cents=33),
        PERCENT,
        as_of=date(2026, 4, 15),
        late_fee_id="lf-2",
        fee_invoice_id="inv-lf2",
        fee_number="LF-2026-000002",
    )
    assert tiny is None


@pytest.mark.parametrize(
    ("kind", "amount", "percent", "grace", "field"),
    [
        (LateFeeKind.FIXED, None, Decimal(2), 0, "amount"),
        (LateFeeKind.PERCENT, "5.00", None, 0, "percent_per_month"),
        (LateFeeKind.PERCENT, None, Decimal(0), 0, "percent_per_month"),
        (LateFeeKind.PERCENT, None, Decimal("100.5"), 0, "percent_per_month"),
        (LateFeeKind.PERCENT, None, Decimal("1.00001"), 0, "percent_per_month"),
        (LateFeeKind.PERCENT, None, Decimal(1), 366, "grace_days"),
    ],
)
def test_a_policy_that_cannot_reckon_a_fee_is_refused_naming_the_field(
    kind: LateFeeKind, amount: str | None, percent: Decimal | None, grace: int, field: str
) -> None:
    with pytest.raises(InvalidLateFeePolicy) as refused:
        late_fee_policy("EUR", kind, amount=amount, percent_per_month=percent, grace_days=grace)
    assert refused.value.field == field


@pytest.mark.parametrize("amount", ["-5.00", "0.001", "0"])
def test_a_fixed_fee_must_be_a_positive_amount_at_the_currencys_scale(amount: str) -> None:
    with pytest.raises(InvalidAmount) as refused:
        late_fee_policy(
            "EUR", LateFeeKind.FIXED, amount=amount, percent_per_month=None, grace_days=0
        )
    assert refused.value.field == "amount"


def test_an_unknown_currency_is_refused() -> None:
    with pytest.raises(InvalidLateFeePolicy) as refused:
        late_fee_policy("XYZ", LateFeeKind.FIXED, amount="1", percent_per_month=None, grace_days=0)
    assert refused.value.field == "currency"
