"""Credit notes, refunds, write-offs and late fees as the API shows them."""

from ledger_svc.api.adjustments.schemas import (
    CreditDrawOut,
    CreditNoteOut,
    LateFeeOut,
    LateFeePolicyOut,
    RefundOut,
    WriteOffOut,
)
from ledger_svc.domain.adjustments.credit_note import CreditNote
from ledger_svc.domain.adjustments.late_fee import LateFee, LateFeePolicy
from ledger_svc.domain.adjustments.refund import Refund
from ledger_svc.domain.adjustments.write_off import WriteOff
from ledger_svc.domain.amounts import format_amount


def credit_note_out(note: CreditNote) -> CreditNoteOut:
    def money(minor: int) -> str:
        return format_amount(minor, note.currency)

    return CreditNoteOut(
        id=note.id,
        number=note.number,
        customer_id=note.customer_id,
        invoice_id=note.invoice_id,
        currency=note.currency,
        issue_date=note.issue_date,
        amount=money(note.amount),
        net=money(note.net),
        tax=money(note.tax),
        unapplied_amount=money(note.unapplied_amount),
        reason=note.reason,
    )


def refund_out(refund: Refund) -> RefundOut:
    def money(minor: int) -> str:
        return format_amount(minor, refund.currency)

    return RefundOut(
        id=refund.id,
        customer_id=refund.customer_id,
        currency=refund.currency,
        amount=money(refund.amount),
        method=refund.method,
        reference=refund.reference,
        status=refund.status,
        requested_on=refund.requested_on,
        requested_by=refund.requested_by,
        paid_on=refund.paid_on,
        cancelled_on=refund.cancelled_on,
        cancel_reason=refund.cancel_reason,
        drawn_from=[
            CreditDrawOut(source=d.kind, source_id=d.source_id, amount=money(d.amount))
            for d in refund.draws
        ],
    )


def write_off_out(write_off: WriteOff) -> WriteOffOut:
    return WriteOffOut(
        id=write_off.id,
        invoice_id=write_off.invoice_id,
        customer_id=write_off.customer_id,
        currency=write_off.currency,
        amount=format_amount(write_off.amount, write_off.currency),
        reason=write_off.reason,
        status=write_off.status,
        requested_on=write_off.requested_on,
        requested_by=write_off.requested_by,
        decided_by=write_off.decided_by,
        decided_on=write_off.decided_on,
        rejection_reason=write_off.rejection_reason,
    )


def policy_out(policy: LateFeePolicy) -> LateFeePolicyOut:
    fixed, percent = policy.fixed_amount, policy.percent_per_month
    return LateFeePolicyOut(
        currency=policy.currency,
        kind=policy.kind,
        amount=None if fixed is None else format_amount(fixed, policy.currency),
        percent_per_month=None if percent is None else f"{percent.normalize():f}",
        grace_days=policy.grace_days,
    )


def late_fee_out(fee: LateFee) -> LateFeeOut:
    return LateFeeOut(
        id=fee.id,
        invoice_id=fee.invoice_id,
        fee_invoice_id=fee.fee_invoice.id,
        fee_invoice_number=fee.fee_invoice.number,
        customer_id=fee.customer_id,
        currency=fee.currency,
        period=fee.period,
        as_of=fee.as_of,
        base_amount=format_amount(fee.base_amount, fee.currency),
        amount=format_amount(fee.amount, fee.currency),
    )
