"""A customer's facts applied as one consumed batch, in one transaction, leave the same
exposure as the same facts applied one at a time."""

import httpx

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair

from ..handlers.test_ledger_adjustments import credit_note, reversed_payment, written_off
from .credit_steps import invoice, new_id, profile, registered_customer, set_limit
from .test_available_through_events import payment


def facts(customer: str) -> list[EventData]:
    a, b, c = new_id(), new_id(), new_id()
    return [
        invoice(customer, "1190.00", invoice_id=a),
        invoice(customer, "480.00", invoice_id=b),
        payment(customer, a, "400.00", "790.00"),
        credit_note(customer, "80.00", b, "400.00"),
        written_off(customer, a, "790.00"),
        invoice(customer, "300.01", invoice_id=c),
        payment(customer, c, "300.01", "0.00"),
        reversed_payment(customer, (c, "300.01", "300.01")),
    ]


async def test_facts_applied_together_count_as_when_applied_one_by_one(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    alone, together = await registered_customer(delivery), await registered_customer(delivery)
    for customer in (alone, together):
        await set_limit(client, auth_keys, customer, "10000.00")

    for fact in facts(alone):
        assert await delivery.deliver(fact) == Outcome.APPLIED
    batch = facts(together)
    assert await delivery.deliver_batch(*batch) == [Outcome.APPLIED] * len(batch)

    figures = ("open_receivables", "reserved", "exposure", "available")
    expected = {"open_receivables": "700.01", "reserved": "0.00", "exposure": "700.01"}
    seen_alone = await profile(client, auth_keys, alone)
    seen_together = await profile(client, auth_keys, together)
    assert {f: seen_alone[f] for f in figures} == {**expected, "available": "9299.99"}
    assert {f: seen_together[f] for f in figures} == {f: seen_alone[f] for f in figures}
