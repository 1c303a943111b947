"""Payments recorded together under their idempotency keys, in the caller's transaction: the
one step that a batch and a group of single payments (payment_desk.py) both take.

Keys are claimed first, so a payment sent again is answered from its key and not recorded
twice; the rest are recorded together (use_cases/record_payments.py); a recorded payment's
answer is kept under its key, and a refused payment's key is given back, so a corrected retry
is judged afresh.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.idempotency_batch import BatchKeys, KeyOnFile, KeyRef
from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.payment_schemas import PaymentOut
from ledger_svc.api.payment_views import payment_out
from ledger_svc.domain.payments.payment import Payment
from ledger_svc.domain.payments.payment_receipt import PaymentInstruction
from ledger_svc.use_cases.payments.record_payments import record_payments
from ledgerflow_platform.errors import DomainError


@dataclass(frozen=True)
class KeyedPayment:
    """A payment to record; with a key, also the fingerprint of the request that sent it."""

    instruction: PaymentInstruction
    key: KeyRef | None = None
    print_: str = ""


@dataclass(frozen=True)
class Recorded:
    """A payment recorded now: as the API shows it, and that as JSON."""

    payment: PaymentOut
    body: str


Outcome = Recorded | KeyOnFile | DomainError
"""Recorded now, answered before under its key, or refused."""


async def record_keyed(session: AsyncSession, payments: Sequence[KeyedPayment]) -> list[Outcome]:
    """Each payment's outcome, in order. At most one payment per key: the caller sees to it."""
    keys = BatchKeys(session)
    on_file = await keys.claim({p.key: p.print_ for p in payments if p.key is not None})
    fresh = [n for n, p in enumerate(payments) if p.key is None or p.key not in on_file]
    recorded = await record_payments(
        LedgerUnitOfWork(session), [payments[n].instruction for n in fresh]
    )
    outcomes: dict[int, Outcome] = {}
    answers: dict[KeyRef, tuple[int, str]] = {}
    refused: list[KeyRef] = []
    for n, outcome in zip(fresh, recorded, strict=True):
        key = payments[n].key
        if isinstance(outcome, Payment):
            out = payment_out(outcome)
            done = Recorded(out, out.model_dump_json())
            outcomes[n] = done
            if key is not None:
                answers[key] = (201, done.body)
        else:
            outcomes[n] = outcome
            if key is not None:
                refused.append(key)
    await keys.remember(answers)
    await keys.release(refused)
    for n, payment in enumerate(payments):
        if payment.key is not None and n not in outcomes:
            outcomes[n] = on_file[payment.key]
    return [outcomes[n] for n in range(len(payments))]
