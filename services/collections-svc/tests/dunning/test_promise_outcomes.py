"""`ledgerflow_promises_total{outcome}`: each promise counted once when made, kept or broken,
whatever is redelivered or run again."""

from datetime import date

import httpx
from prometheus_client import REGISTRY

from ledgerflow_events.contracts.ledger import PaymentAllocation, PaymentReceived
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .ledger import Collections, new_id
from .test_promises import in_arrears, promised

D = date
OUTCOMES = ("made", "kept", "broken")


def counted() -> dict[str, float]:
    return {
        o: REGISTRY.get_sample_value("ledgerflow_promises_total", {"outcome": o}) or 0.0
        for o in OUTCOMES
    }


def since(before: dict[str, float]) -> dict[str, float]:
    after = counted()
    return {o: after[o] - before[o] for o in OUTCOMES}


async def test_a_kept_promise_counts_once_however_often_its_payment_is_delivered(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    api = Collections(client, auth_keys)
    ledger, invoice, case_id = await in_arrears(delivery, api)
    before = counted()
    await promised(api, case_id)
    payment = PaymentReceived(
        customer_id=ledger.customer,
        payment_id=new_id(),
        currency="EUR",
        amount="300.00",
        received_on=D(2026, 11, 6),
        allocations=[
            PaymentAllocation(invoice_id=invoice, amount="300.00", open_amount_after="0.00")
        ],
        unapplied_amount="0.00",
    )
    event_id = new_id()
    await delivery.deliver(payment, event_id=event_id)
    await delivery.deliver(payment, event_id=event_id)

    assert since(before) == {"made": 1.0, "kept": 1.0, "broken": 0.0}


async def test_a_broken_promise_counts_once_however_often_its_run_is_asked_for(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    api = Collections(client, auth_keys)
    _, _, case_id = await in_arrears(delivery, api)
    before = counted()
    await promised(api, case_id)
    refused = await promised(api, case_id, promised_on="2026-10-01")
    await api.ran(D(2026, 11, 20))
    again = await api.run(D(2026, 11, 20))

    assert (refused.status_code, again.status_code) == (422, 200)
    assert since(before) == {"made": 1.0, "kept": 0.0, "broken": 1.0}
