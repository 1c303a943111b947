from datetime import date

import pytest

from ledger_svc.domain.adjustments.customer_credit import CreditDraw, CreditSourceKind
from ledger_svc.domain.adjustments.refund import (
    Refund,
    RefundDatedBeforeRequest,
    RefundMethod,
    RefundNotPending,
    RefundStatus,
)
from ledger_svc.domain.books.journal import Account, credit, debit
from ledger_svc.domain.controls.segregation import DutyPolicy, DutyRule, SegregationOfDuties

APRIL_3 = date(2026, 4, 3)
REFUND = Refund(
    id="rf-1",
    customer_id="c1",
    currency="EUR",
    amount=3000,
    method=RefundMethod.BANK_TRANSFER,
    reference="Overpayment",
    requested_on=APRIL_3,
    requested_by="alice",
    draws=(CreditDraw(CreditSourceKind.PAYMENT, "pay-1", 3000),),
)


def test_a_request_owes_the_credit_back_and_payment_sends_it_from_the_bank() -> None:
    assert REFUND.requested_entry().lines == (
        debit(Account.CUSTOMER_CREDIT, 3000, "EUR", customer_id="c1"),
        credit(Account.REFUNDS_PAYABLE, 3000, "EUR", customer_id="c1"),
    )
    paid = REFUND.pay(date(2026, 4, 5), paid_by="bob")
    assert (paid.status, paid.paid_on) == (RefundStatus.PAID, date(2026, 4, 5))
    assert paid.paid_entry().lines == (
        debit(Account.REFUNDS_PAYABLE, 3000, "EUR", customer_id="c1"),
        credit(Account.BANK, 3000, "EUR", customer_id="c1"),
    )


def test_a_paid_refund_can_be_neither_paid_again_nor_cancelled() -> None:
    paid = REFUND.pay(APRIL_3, paid_by="bob")
    with pytest.raises(RefundNotPending):
        paid.pay(APRIL_3, paid_by="bob")
    with pytest.raises(RefundNotPending) as refused:
        paid.cancel(APRIL_3, "too late")
    assert refused.value.field == "refund_id"


def test_a_refund_paid_before_it_was_requested_is_refused_naming_the_date() -> None:
    with pytest.raises(RefundDatedBeforeRequest) as refused:
        REFUND.pay(date(2026, 4, 2), paid_by="bob")
    assert refused.value.field == "paid_on"


def test_who_requested_a_refund_cannot_pay_it_unless_the_rule_is_off() -> None:
    with pytest.raises(SegregationOfDuties) as refused:
        REFUND.pay(APRIL_3, paid_by="alice")
    assert refused.value.rule is DutyRule.REFUND_PAYMENT
    assert refused.value.members() == {"rule": "refund_payment"}
    relaxed = DutyPolicy(refund_payment=False)
    assert REFUND.pay(APRIL_3, paid_by="alice", policy=relaxed).status == RefundStatus.PAID
