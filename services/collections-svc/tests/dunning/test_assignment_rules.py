"""Assignment by rules: region or segment -> collectors, round robin, first match wins, turns
kept in Postgres. Customers' regions and segments arrive as customer-svc's events."""

import asyncio
from datetime import UTC, date, datetime
from typing import Any

import httpx

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.settings import Settings
from collections_svc.use_cases.record_overdue_invoice import record_overdue_invoice
from ledgerflow_events.contracts.customer import CustomerProfileUpdated, CustomerRegistered
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem, service_db

from .ledger import Ledger, new_id

D = date
RULES = [
    {"region": "north", "segment": "enterprise", "collectors": ["colin", "carla"]},
    {"region": "north", "collectors": ["nina"]},
    {"segment": "smb", "collectors": ["sam", "sue", "sid"]},
]


async def registered(delivery: EventDelivery, region: str | None, segments: list[str]) -> str:
    customer = new_id()
    await delivery.deliver(
        CustomerRegistered(
            customer_id=customer,
            name="Acme Trading Ltd",
            currency="EUR",
            payment_terms_days=30,
            registered_at=datetime(2026, 9, 1, tzinfo=UTC),
            region=region,
            segments=segments,
        )
    )
    return customer


async def in_arrears(
    delivery: EventDelivery, client: httpx.AsyncClient, keys: KeyPair, customer: str
) -> Any:
    ledger = Ledger(delivery, customer)
    invoice = await ledger.issue("INV-1", "100.00", due=D(2026, 11, 30))
    await ledger.overdue(invoice, "100.00", as_of=D(2026, 12, 1))
    page = await client.get(
        "/v1/cases", params={"customer_id": customer}, headers=keys.auth("credit_manager")
    )
    [case] = page.json()["items"]
    return case


async def put_rules(
    client: httpx.AsyncClient, keys: KeyPair, rules: Any, role: str = "credit_manager"
) -> httpx.Response:
    return await client.put("/v1/assignment-rules", json={"rules": rules}, headers=keys.auth(role))


async def test_new_cases_go_to_the_first_matching_rule_in_turn_and_the_rest_stay_unassigned(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    put = await put_rules(client, auth_keys, RULES)
    assert put.status_code == 200, put.text
    north_enterprise = await registered(delivery, "north", ["enterprise"])
    north_both = await registered(delivery, "north", ["enterprise", "smb"])
    north_smb = await registered(delivery, "north", ["smb"])
    south_smb = await registered(delivery, "south", ["smb"])
    south_smb_too = await registered(delivery, "south", ["smb", "retail"])
    north_enterprise_too = await registered(delivery, "north", ["enterprise"])
    south_retail = await registered(delivery, "south", ["retail"])
    moved_to_smb = await registered(delivery, "south", ["retail"])
    await delivery.deliver(
        CustomerProfileUpdated(
            customer_id=moved_to_smb,
            changed_fields=["segments", "tax_id"],
            updated_at=datetime(2026, 10, 1, tzinfo=UTC),
            segments=["smb"],
        )
    )
    never_registered = new_id()
    order = [
        north_enterprise,
        north_both,
        north_smb,
        south_smb,
        south_smb_too,
        north_enterprise_too,
        south_retail,
        moved_to_smb,
        never_registered,
    ]

    cases = [await in_arrears(delivery, client, auth_keys, c) for c in order]

    assert [c["collector"] for c in cases] == [
        "colin", "carla", "nina", "sam", "sue", "colin", None, "sid", None,
    ]  # fmt: skip
    assert [c["assigned_on"] for c in cases] == ["2026-12-01"] * 6 + [None, "2026-12-01", None]
    shown = (await client.get("/v1/assignment-rules", headers=auth_keys.auth("admin"))).json()
    assert shown == {
        "version": 1,
        "set_at": put.json()["set_at"],
        "rules": [
            {**RULES[0], "position": 0, "next_collector": "carla"},
            {**RULES[1], "segment": None, "position": 1, "next_collector": "nina"},
            {**RULES[2], "region": None, "position": 2, "next_collector": "sam"},
        ],
    }
    # The unassigned cases are on the worklist, as such.
    worklist = await client.get("/v1/worklist", headers=auth_keys.auth("credit_manager"))
    unassigned = {
        i["case"]["customer_id"] for i in worklist.json()["items"] if i["case"]["collector"] is None
    }
    assert unassigned == {south_retail, never_registered}
    async with service_db(database_url) as db:
        events = [e for e in await db.outbox(north_both) if "case_" in e[0]]
        none = [e for e in await db.outbox(south_retail) if "case_" in e[0]]
    assert events == [
        (
            "collections.case_assigned.v1",
            {
                "customer_id": north_both,
                "case_id": cases[1]["id"],
                "collector": "carla",
                "assigned_on": "2026-12-01",
            },
        )
    ]
    assert none == []


async def test_rules_are_set_whole_shown_and_refused_when_they_hand_cases_to_nobody(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    before = await client.get("/v1/assignment-rules", headers=auth_keys.auth("credit_manager"))
    first = await put_rules(client, auth_keys, RULES)
    again = await put_rules(client, auth_keys, RULES, role="admin")
    nobody = await put_rules(client, auth_keys, [{"region": "north", "collectors": []}])
    twice = await put_rules(
        client, auth_keys, [RULES[0], {"segment": "smb", "collectors": ["sam", "sam"]}]
    )
    by_collector = await put_rules(client, auth_keys, RULES, role="collector")
    read_by_collector = await client.get(
        "/v1/assignment-rules", headers=auth_keys.auth("collector")
    )
    cleared = await put_rules(client, auth_keys, [])

    assert before.json() == {"version": 0, "set_at": None, "rules": []}
    assert first.json()["version"] == 1
    assert again.json() == first.json()  # the same rules: nothing changes
    assert_problem(nobody, 422, "validation-error", fields=["rules.0.collectors"])
    assert_problem(twice, 422, "invalid-assignment-rules", fields=["rules.1.collectors"])
    assert by_collector.status_code == 403
    assert read_by_collector.status_code == 403
    assert cleared.status_code == 200
    assert cleared.json()["version"] == 2
    assert cleared.json()["rules"] == []


async def test_two_cases_opening_at_once_never_take_the_same_turn(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, settings: Settings
) -> None:
    await put_rules(client, auth_keys, [{"collectors": ["colin", "carla"]}])
    engine = create_engine(settings, pool_size=2)
    sessions = session_factory(engine)

    async def opens(customer: str) -> None:
        async with sessions() as session:
            uow = CollectionsUnitOfWork(session)
            await record_overdue_invoice(
                uow,
                customer_id=customer,
                invoice_id=new_id(),
                currency="EUR",
                open_amount=100_00,
                due_date=D(2026, 11, 30),
                as_of=D(2026, 12, 1),
            )
            # Both hold their transaction open a moment: the second waits for the first's turn.
            await asyncio.sleep(0.2)
            await uow.commit()

    first, second = new_id(), new_id()
    try:
        await asyncio.gather(opens(first), opens(second))
    finally:
        await engine.dispose()
    collectors = []
    for customer in (first, second):
        page = await client.get(
            "/v1/cases", params={"customer_id": customer}, headers=auth_keys.auth("admin")
        )
        collectors += [c["collector"] for c in page.json()["items"]]
    assert sorted(collectors) == ["carla", "colin"]
    shown = await client.get("/v1/assignment-rules", headers=auth_keys.auth("admin"))
    assert shown.json()["rules"][0]["next_collector"] == "colin"
