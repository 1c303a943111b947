"""Collector performance for November 2026, against figures worked out by hand from the
definitions (domain/performance.py)."""

from datetime import date
from decimal import Decimal

import httpx

from ledgerflow_events.contracts.ledger import PaymentAllocation, PaymentReceived
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem

from .ledger import Collections, Ledger, new_id

D = date


async def case_of(
    api: Collections, delivery: EventDelivery, total: str, overdue_on: date, collector: str | None
) -> tuple[Ledger, str, str]:
    ledger = Ledger(delivery)
    invoice = await ledger.issue(f"INV-{total}", total, due=overdue_on.replace(day=1))
    await ledger.overdue(invoice, total, as_of=overdue_on)
    page = await api.client.get(
        "/v1/cases", params={"customer_id": ledger.customer}, headers=api.headers
    )
    case_id = page.json()["items"][0]["id"]
    if collector is not None:
        assigned = await api.client.post(
            f"/v1/cases/{case_id}:assign", json={"collector": collector}, headers=api.headers
        )
        assert assigned.status_code == 200, assigned.text
    return ledger, invoice, case_id


async def promise(api: Collections, case_id: str, amount: str, made: date, by: date) -> None:
    response = await api.client.post(
        f"/v1/cases/{case_id}/promises",
        json={
            "amount": amount,
            "currency": "EUR",
            "made_on": made.isoformat(),
            "promised_on": by.isoformat(),
        },
        headers=api.headers,
    )
    assert response.status_code == 201, response.text


async def test_collector_figures_for_a_month_match_the_hand_worked_figures(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    api = Collections(client, auth_keys)
    # colin: X (opened 10-02) promised 500.00, paid 200.00 + 300.00, closed 11-09 after 38 days
    x, x_invoice, x_case = await case_of(api, delivery, "500.00", D(2026, 10, 2), "colin")
    await promise(api, x_case, "500.00", D(2026, 11, 2), D(2026, 11, 10))
    await x.pay(x_invoice, "200.00", open_after="300.00", on=D(2026, 11, 5))
    last = PaymentReceived(
        customer_id=x.customer,
        payment_id=new_id(),
        currency="EUR",
        amount="300.00",
        received_on=D(2026, 11, 9),
        allocations=[
            PaymentAllocation(invoice_id=x_invoice, amount="300.00", open_amount_after="0.00")
        ],
        unapplied_amount="0.00",
    )
    event_id = new_id()
    await delivery.deliver(last, event_id=event_id)
    await delivery.deliver(last, event_id=event_id)
    # colin: V (opened 11-03) paid 40.00 on 11-20, closed after 17 days
    v, v_invoice, _ = await case_of(api, delivery, "40.00", D(2026, 11, 3), "colin")
    await v.pay(v_invoice, "40.00", open_after="0.00", on=D(2026, 11, 20))
    # colin: Z paid and closed in December: outside the month
    z, z_invoice, _ = await case_of(api, delivery, "80.00", D(2026, 11, 1), "colin")
    await z.pay(z_invoice, "80.00", open_after="0.00", on=D(2026, 12, 5))
    # carla: Y promised 1,000.00 by 11-03, broken by the run of 11-10, then 250.00 paid
    y, y_invoice, y_case = await case_of(api, delivery, "1000.00", D(2026, 10, 20), "carla")
    await promise(api, y_case, "1000.00", D(2026, 11, 1), D(2026, 11, 3))
    await api.ran(D(2026, 11, 10))
    await y.pay(y_invoice, "250.00", open_after="750.00", on=D(2026, 11, 20))
    # nobody's: W's payment counts for no collector
    w, w_invoice, _ = await case_of(api, delivery, "50.00", D(2026, 11, 2), None)
    await w.pay(w_invoice, "50.00", open_after="0.00", on=D(2026, 11, 15))

    response = await client.get(
        "/v1/reports/collector-performance",
        params={"from": "2026-11-01", "to": "2026-11-30"},
        headers=auth_keys.auth("auditor"),
    )

    colin_average = (Decimal(38) + Decimal(17)) / 2
    assert response.status_code == 200, response.text
    assert response.json() == {
        "from": "2026-11-01",
        "to": "2026-11-30",
        "collectors": [
            {
                "collector": "carla",
                "collected": [{"currency": "EUR", "amount": "250.00"}],
                "cases_closed": 0,
                "promises_made": 1,
                "promises_kept": 0,
                "promises_broken": 1,
                "average_days_to_close": None,
            },
            {
                "collector": "colin",
                "collected": [{"currency": "EUR", "amount": "540.00"}],
                "cases_closed": 2,
                "promises_made": 1,
                "promises_kept": 1,
                "promises_broken": 0,
                "average_days_to_close": f"{colin_average:.2f}",
            },
        ],
    }
    assert f"{colin_average:.2f}" == "27.50"


async def test_a_period_ending_before_it_starts_is_refused_naming_to(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    headers = auth_keys.auth("credit_manager")
    url = "/v1/reports/collector-performance"

    backwards = await client.get(
        url, params={"from": "2026-11-30", "to": "2026-11-01"}, headers=headers
    )
    far = await client.get(url, params={"from": "1899-12-31", "to": "2026-11-01"}, headers=headers)
    collector = await client.get(
        url, params={"from": "2026-11-01", "to": "2026-11-30"}, headers=auth_keys.auth("collector")
    )

    assert_problem(backwards, 422, "period-backwards", fields=["to"])
    assert_problem(far, 422, "validation-error", fields=["from"])
    assert collector.status_code == 403


async def test_an_opening_balance_paid_before_the_cut_over_is_nobodys_and_keeps_no_promise(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    api = Collections(client, auth_keys)
    ledger, invoice, case_id = await case_of(api, delivery, "700.00", D(2027, 2, 2), "olga")
    await promise(api, case_id, "700.00", D(2027, 2, 3), D(2027, 2, 10))
    await ledger.pay(invoice, "700.00", open_after="0.00", on=D(2027, 2, 5), opening=True)

    response = await client.get(
        "/v1/reports/collector-performance",
        params={"from": "2027-02-01", "to": "2027-02-28"},
        headers=auth_keys.auth("auditor"),
    )

    assert response.status_code == 200, response.text
    [olga] = [c for c in response.json()["collectors"] if c["collector"] == "olga"]
    assert (olga["collected"], olga["promises_made"], olga["promises_kept"]) == ([], 1, 0)
