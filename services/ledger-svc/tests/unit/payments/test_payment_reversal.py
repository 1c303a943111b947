from datetime import date

import pytest

from ledger_svc.domain.invoicing.invoice import InvoiceStatus
from ledger_svc.domain.payments.allocation import Allocation
from ledger_svc.domain.payments.payment import Payment, PaymentReversal, ReversalReason
from ledger_svc.domain.payments.payment_reversal import (
    InvoiceNow,
    PaymentAlreadyReversed,
    PaymentCreditAlreadyUsed,
    Reopening,
    ReversalBeforeReceipt,
    plan_reversal,
)

RECEIVED = date(2026, 3, 10)
BOUNCED = PaymentReversal(date(2026, 3, 14), ReversalReason.BOUNCED, "Cheque returned")


def payment(unapplied: int = 500, reversal: PaymentReversal | None = None) -> Payment:
    # 1,500.00: closes A (980.00 + 20.00 discount), 15.00 on B, 5.00 credit.
    return Payment(
        "pay-1",
        "customer-1",
        "EUR",
        100000 + 500,
        RECEIVED,
        "Cheque 42",
        (Allocation("A", 98000, 0, 2000), Allocation("B", 2000, 3000)),
        unapplied,
        reversal=reversal,
    )


INVOICES = {"A": InvoiceNow(100000, 0), "B": InvoiceNow(5000, 1000)}


def test_a_reversal_reopens_each_invoice_by_the_cash_and_the_discount_it_received() -> None:
    plan = plan_reversal(payment(), BOUNCED, invoices=INVOICES, credit_applied=0)

    assert plan.reopened == (
        Reopening("A", 98000, 2000, 100000, InvoiceStatus.ISSUED),
        # B was paid again since (3,000 -> 1,000 open): only this payment's 20.00 comes back.
        Reopening("B", 2000, 0, 3000, InvoiceStatus.PARTIALLY_PAID),
    )
    assert plan.credit_removed == 500
    assert (plan.payment.unapplied_amount, plan.payment.reversal) == (0, BOUNCED)


def test_a_payment_is_reversed_once() -> None:
    with pytest.raises(PaymentAlreadyReversed, match=r"already reversed on 2026-03-14 \(bounced\)"):
        plan_reversal(payment(reversal=BOUNCED), BOUNCED, invoices=INVOICES, credit_applied=0)


def test_a_reversal_cannot_be_dated_before_the_payment_came_in() -> None:
    early = PaymentReversal(date(2026, 3, 9), ReversalReason.ERROR)
    with pytest.raises(ReversalBeforeReceipt) as refused:
        plan_reversal(payment(), early, invoices=INVOICES, credit_applied=0)
    assert refused.value.field == "reversed_on"


def test_credit_already_applied_or_refunded_blocks_the_reversal_saying_how_much_went_where() -> (
    None
):
    # 5.00 of credit created; 1.00 still held: 3.00 applied to invoices, 1.00 set aside to refund.
    with pytest.raises(PaymentCreditAlreadyUsed) as refused:
        plan_reversal(payment(unapplied=100), BOUNCED, invoices=INVOICES, credit_applied=300)
    assert refused.value.message == (
        "Payment pay-1 created 5.00 EUR of credit; 3.00 EUR of it was applied to invoices and "
        "1.00 EUR set aside for refunds since, so it is no longer held to be taken back."
    )
