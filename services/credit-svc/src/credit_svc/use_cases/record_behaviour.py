"""Facts about how a customer pays, kept for assessments and warnings: returned payments and
write-offs from the ledger, broken promises and disputes from collections. Each is kept once
under its own id, so a redelivered event changes nothing."""

from datetime import date

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.behaviour import BehaviourFact, FactKind

# A payment entered in error is the ledger's mistake, not the customer's behaviour.
RETURNED_REASONS = frozenset({"bounced", "returned"})


async def record_behaviour(
    uow: CreditUnitOfWork, customer_id: str, currency: str, fact: BehaviourFact, source: str
) -> None:
    await uow.behaviour.record(customer_id, currency, fact, source)


async def record_returned_payment(
    uow: CreditUnitOfWork,
    customer_id: str,
    *,
    payment_id: str,
    reason: str,
    currency: str,
    amount: int,
    invoice_ids: tuple[str, ...],
    returned_on: date,
) -> None:
    if reason not in RETURNED_REASONS:
        return
    fact = BehaviourFact(
        f"returned_payment:{payment_id}",
        FactKind.RETURNED_PAYMENT,
        amount,
        returned_on,
        invoice_ids,
    )
    await record_behaviour(uow, customer_id, currency, fact, "ledger.payment_reversed")


async def resolve_dispute(uow: CreditUnitOfWork, dispute_id: str, resolved_on: date) -> None:
    await uow.behaviour.resolve(f"dispute:{dispute_id}", resolved_on)
