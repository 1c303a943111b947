"""Record one customer payment and apply it to their invoices (see record_payments.py)."""

from collections.abc import Sequence
from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.payments.cash_application import PaymentMethod
from ledger_svc.domain.payments.payment import Payment
from ledger_svc.domain.payments.payment_receipt import AllocationInstruction, PaymentInstruction
from ledger_svc.use_cases.payments.record_payments import record_payments


async def record_payment(
    uow: LedgerUnitOfWork,
    *,
    customer_id: str,
    amount: str,
    currency: str | None,
    received_on: date,
    reference: str | None,
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER,
    tax_adjusting: bool,
    allocations: Sequence[AllocationInstruction] = (),
) -> Payment:
    """The payment recorded; raises the domain error that refused it."""
    instruction = PaymentInstruction(
        customer_id, amount, currency, received_on, reference, method, tuple(allocations)
    )
    [outcome] = await record_payments(uow, [instruction], tax_adjusting=tax_adjusting)
    if not isinstance(outcome, Payment):
        raise outcome
    return outcome
