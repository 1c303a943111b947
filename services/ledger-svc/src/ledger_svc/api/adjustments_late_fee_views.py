"""Late-fee policies and the fees charged, as the API shows them."""

from datetime import date

from pydantic import BaseModel

from ledger_svc.domain.adjustments.late_fee import LateFee, LateFeeKind, LateFeePolicy
from ledger_svc.domain.amounts import format_amount


class LateFeePolicyOut(BaseModel):
    """How late fees are charged in one currency."""

    currency: str
    kind: LateFeeKind
    amount: str | None
    percent_per_month: str | None
    grace_days: int


class LateFeeOut(BaseModel):
    """A late fee charged on an invoice for a month, billed as its own LF invoice."""

    id: str
    invoice_id: str
    fee_invoice_id: str
    fee_invoice_number: str
    customer_id: str
    currency: str
    period: str
    as_of: date
    base_amount: str
    amount: str


class LateFeePage(BaseModel):
    """Late fees charged, oldest first."""

    items: list[LateFeeOut]
    next_cursor: str | None


class LateFeeRunOut(BaseModel):
    """What one late-fee run charged."""

    as_of: date
    period: str
    invoices_charged: int
    fees: list[LateFeeOut]


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
