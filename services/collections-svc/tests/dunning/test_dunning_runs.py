"""Dated dunning runs under the default policy (README "Dunning"): a reminder 5 days before the
due date, a notice 7 days after, a final notice (fee 10.00) 21 days after, a call that stops
supply 30 days after; at least 7 days between an invoice's notices."""

import asyncio
from datetime import date

import httpx

from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem, service_db

from .ledger import Collections, Ledger

D = date


async def test_a_reminder_goes_out_five_days_before_the_due_date(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    invoice = await ledger.issue("INV-1", "100.00", due=D(2026, 12, 10))

    too_early = await api.ran(D(2026, 12, 4))
    run = await api.ran(D(2026, 12, 5))

    assert too_early["notices_created"] == 0
    assert run == {"id": run["id"], "as_of": "2026-12-05", "notices_created": 1}
    [notice] = await api.notices(customer_id=ledger.customer)
    assert notice == {
        "id": notice["id"],
        "run_id": run["id"],
        "customer_id": ledger.customer,
        "channel": "email",
        "level": 1,
        "status": "queued",
        "invoices": [
            {
                "invoice_id": invoice,
                "number": "INV-1",
                "level": 1,
                "open_amount": "100.00",
                "days_past_due": -5,
            }
        ],
        "dropped": [],
        "message_id": f"<{notice['id']}@collections.ledgerflow.local>",
        "recipients_masked": [],
        "suppressed_reason": None,
    }
    one = await client.get(f"/v1/notices/{notice['id']}", headers=api.headers)
    assert one.json() == notice


async def test_one_level_per_run_and_missed_runs_catch_up_one_step_at_a_time(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    invoice = await ledger.issue("INV-7", "250.00", due=D(2026, 10, 1))
    await ledger.overdue(invoice, "250.00", as_of=D(2026, 10, 2))
    runs = {}
    for day in (D(2026, 11, 1), D(2026, 11, 5), D(2026, 11, 8), D(2026, 11, 15), D(2026, 11, 22)):
        runs[day] = await api.lines(ledger.customer, await api.ran(day))

    # The reminder was passed over (already due); 11-05 is too soon after 11-01; then one
    # level per run although levels 3 and 4 were both due long before.
    assert runs == {
        D(2026, 11, 1): [("INV-7", 2, "250.00", 31)],
        D(2026, 11, 5): [],
        D(2026, 11, 8): [("INV-7", 3, "250.00", 38)],
        D(2026, 11, 15): [("INV-7", 4, "250.00", 45)],
        D(2026, 11, 22): [],
    }
    call = (await api.notices(customer_id=ledger.customer, status="sent"))[0]
    assert (call["channel"], call["level"]) == ("phone_task", 4)
    [case] = (await client.get("/v1/cases", headers=api.headers)).json()["items"]
    async with service_db(database_url) as db:
        events = await db.outbox(ledger.customer)
    assert [(kind, {k: v for k, v in data.items() if k != "sent_at"}) for kind, data in events] == [
        (
            "collections.notice_sent.v1",
            {
                "customer_id": ledger.customer,
                "notice_id": call["id"],
                "run_id": call["run_id"],
                "channel": "phone_task",
                "level": 4,
                "invoices": [
                    {
                        "invoice_id": invoice,
                        "level": 4,
                        "currency": "EUR",
                        "open_amount": "250.00",
                        "fee": None,
                    }
                ],
            },
        ),
        (
            "collections.escalated.v1",
            {
                "customer_id": ledger.customer,
                "case_id": case["id"],
                "escalation": "stop_supply",
                "level": 4,
                "invoice_ids": [invoice],
                "escalated_on": "2026-11-15",
            },
        ),
    ]


async def test_re_running_a_date_answers_with_the_same_run_and_changes_nothing(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    await ledger.issue("INV-2", "80.00", due=D(2026, 11, 1))
    first = await api.ran(D(2026, 11, 20))

    again = await api.run(D(2026, 11, 20))

    assert (again.status_code, again.json()) == (200, first)
    assert len(await api.notices(customer_id=ledger.customer)) == 1


async def test_a_run_dated_before_the_latest_or_after_the_business_date_is_refused(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    await ledger.issue("INV-3", "80.00", due=D(2026, 11, 1))
    await api.ran(D(2026, 11, 20))

    assert_problem(
        await api.run(D(2026, 11, 19)), 409, "dunning-run-before-latest", fields=["as_of"]
    )
    assert_problem(await api.run(D(2027, 1, 1)), 422, "date-in-future", fields=["as_of"])
    assert_problem(await api.run(D(1899, 12, 31)), 422, "validation-error", fields=["as_of"])
    async with service_db(database_url) as db:
        assert await db.counts("dunning_runs", "dunning_notices") == {
            "dunning_runs": 1,
            "dunning_notices": 1,
        }


async def test_two_runs_of_one_date_at_once_make_one_run(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    await ledger.issue("INV-4", "80.00", due=D(2026, 11, 1))

    one, other = await asyncio.gather(api.run(D(2026, 11, 30)), api.run(D(2026, 11, 30)))

    assert sorted([one.status_code, other.status_code]) == [200, 201]
    assert one.json() == other.json()
    assert len(await api.notices(customer_id=ledger.customer)) == 1


async def test_a_partial_payment_keeps_the_level_and_its_history(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    invoice = await ledger.issue("INV-5", "400.00", due=D(2026, 10, 1))
    first = await api.lines(ledger.customer, await api.ran(D(2026, 11, 1)))
    await ledger.pay(invoice, "150.00", open_after="250.00", on=D(2026, 11, 3))

    second = await api.lines(ledger.customer, await api.ran(D(2026, 11, 8)))

    assert (first, second) == ([("INV-5", 2, "400.00", 31)], [("INV-5", 3, "250.00", 38)])
    async with service_db(database_url) as db:
        history = await db.rows(
            "SELECT level, as_of FROM dunning_steps WHERE invoice_id = :i ORDER BY level",
            i=invoice,
        )
    assert history == [(2, D(2026, 11, 1)), (3, D(2026, 11, 8))]
