"""Record payments under their idempotency keys: a batch's, in its request's transaction, or
a single payment, written together with whatever else the payment desk is recording now.

Keys are claimed first (one idempotency store for every write: ledgerflow_platform), so a
payment sent again is answered from its key and not recorded twice; the rest are recorded
together (record_payments.py); a recorded payment's answer is kept under its key, and a
refused payment's key is given back, so a corrected retry is judged afresh.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ledger_svc.adapters.payments.desk import PaymentDesk
from ledger_svc.adapters.tables.messaging import idempotency
from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.payments.payment import Payment
from ledger_svc.domain.payments.payment_receipt import PaymentInstruction
from ledger_svc.use_cases.payments.record_payments import record_payments
from ledgerflow_events.tracing import use_case
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.idempotency import KeyRef, StoredResponse


@dataclass(frozen=True)
class KeyClaim:
    """The idempotency key a payment came with, and the fingerprint of the request it came
    in: the same key with another payment is refused."""

    key: KeyRef
    fingerprint: str


@dataclass(frozen=True)
class KeyedPayment:
    """A payment to record; `show` is how its caller shows a recorded payment (the JSON of
    which is kept under its key, to be replayed)."""

    instruction: PaymentInstruction
    show: Callable[[Payment], BaseModel]
    claim: KeyClaim | None = None


@dataclass(frozen=True)
class Recorded:
    """Recorded now: as its caller shows it, and that as JSON."""

    shown: BaseModel
    body: str


@dataclass(frozen=True)
class Replayed:
    """Recorded before, under the same key, for the same request: what it was answered."""

    stored: StoredResponse


@dataclass(frozen=True)
class KeyReused:
    """The key was first used for another request; nothing was recorded."""

    key: str


Outcome = Recorded | Replayed | KeyReused | DomainError

PaymentDeskOfKeys = PaymentDesk[KeyedPayment, Outcome]


@use_case
async def record_keyed_payment(desk: PaymentDeskOfKeys, payment: KeyedPayment) -> Outcome:
    """One payment, recorded at the desk: alone when the ledger is quiet, else in the next
    transaction with the payments that arrived meanwhile."""
    return await desk.record(payment)


def payment_desk(
    sessions: async_sessionmaker[AsyncSession], *, tax_adjusting: bool
) -> PaymentDeskOfKeys:
    """The desk single payments are recorded at: each group as a batch is recorded."""
    record = partial(record_keyed_payments, tax_adjusting=tax_adjusting)
    return PaymentDesk(sessions, record, exclusive=_key_of)


def _key_of(payment: KeyedPayment) -> KeyRef | None:
    # Two requests with one key never share a group: the later one replays the earlier.
    return payment.claim.key if payment.claim is not None else None


@use_case
async def record_keyed_payments(
    uow: LedgerUnitOfWork, payments: Sequence[KeyedPayment], *, tax_adjusting: bool
) -> list[Outcome]:
    """Each payment's outcome, in order. At most one payment per key: the caller sees to it."""
    session = uow.session
    claims = [p.claim for p in payments if p.claim is not None]
    on_file = await idempotency.claim_many(session, {c.key: c.fingerprint for c in claims})
    fresh = [n for n, p in enumerate(payments) if p.claim is None or p.claim.key not in on_file]
    instructions = [payments[n].instruction for n in fresh]
    recorded = await record_payments(uow, instructions, tax_adjusting=tax_adjusting)
    outcomes: dict[int, Outcome] = {}
    answers: dict[KeyRef, tuple[int, str]] = {}
    refused: list[KeyRef] = []
    for n, outcome in zip(fresh, recorded, strict=True):
        payment = payments[n]
        if isinstance(outcome, Payment):
            shown = payment.show(outcome)
            done = outcomes[n] = Recorded(shown, shown.model_dump_json())
            if payment.claim is not None:
                answers[payment.claim.key] = (201, done.body)
        else:
            outcomes[n] = outcome
            if payment.claim is not None:
                refused.append(payment.claim.key)
    await idempotency.remember_many(session, answers)
    await idempotency.release_many(session, refused)
    for n, payment in enumerate(payments):
        if n not in outcomes and payment.claim is not None:
            outcomes[n] = _answered_before(payment.claim, on_file[payment.claim.key])
    return [outcomes[n] for n in range(len(payments))]


def _answered_before(claim: KeyClaim, stored: StoredResponse) -> Replayed | KeyReused:
    if stored.fingerprint != claim.fingerprint:
        return KeyReused(claim.key[1])
    return Replayed(stored)
