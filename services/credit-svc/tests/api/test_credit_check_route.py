"""The credit check answered on the order path (api/check_route.py) is the declared route's
answer: the same body, headers and events; an Idempotency-Key is kept and replayed there as
the declared route does; what only the declared route does (ending lapsed reservations, a key
another request holds) still happens."""

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from credit_svc.api import check_route
from credit_svc.use_cases.check_credit import check_credit
from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from ..conftest import Clock
from .credit_steps import invoice, new_id, profile, registered_customer, set_limit

# A JSON body with a parameter on its media type: the order path leaves it to the declared route.
DECLARED_ROUTE = {"Content-Type": "application/json; charset=utf-8"}


async def customer_owing(
    client: httpx.AsyncClient, delivery: EventDelivery, keys: KeyPair, owes: str, limit: str
) -> str:
    customer = await registered_customer(delivery)
    await delivery.deliver(invoice(customer, owes))
    await set_limit(client, keys, customer, limit)
    return customer


async def post_check(
    client: httpx.AsyncClient, keys: KeyPair, body: dict[str, Any], **headers: str
) -> httpx.Response:
    return await client.post(
        "/v1/credit-checks",
        content=httpx.Request("POST", "/", json=body).content,
        headers={"Content-Type": "application/json", **keys.auth("service"), **headers},
    )


def without_ids(events: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    ids = ("customer_id", "reservation_id", "order_reference", "limit_id")
    return [(kind, {k: v for k, v in p.items() if k not in ids}) for kind, p in events]


async def test_the_order_path_answers_as_the_declared_route(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    direct = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    declared = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    body = {"amount": "250.00", "currency": "EUR", "reserve": True, "expires_at": "2026-12-15"}

    one = await post_check(
        client, auth_keys, {**body, "customer_id": direct, "order_reference": new_id()}
    )
    other = await post_check(
        client,
        auth_keys,
        {**body, "customer_id": declared, "order_reference": new_id()},
        **DECLARED_ROUTE,
    )

    assert one.status_code == other.status_code == 200, (one.text, other.text)
    assert one.headers["content-type"] == other.headers["content-type"] == "application/json"
    assert one.json()["reservation_id"] is not None
    assert {**one.json(), "reservation_id": None} == {**other.json(), "reservation_id": None}
    assert len(one.content) == len(other.content)
    assert without_ids(await db.outbox(direct)) == without_ids(await db.outbox(declared))
    assert (await profile(client, auth_keys, direct))["reserved"] == "250.00"


async def test_a_check_with_an_idempotency_key_answers_a_retry_with_the_first_answer(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    body = {
        "customer_id": customer,
        "amount": "100.00",
        "currency": "EUR",
        "reserve": True,
        "order_reference": new_id(),
    }

    first = await post_check(client, auth_keys, body, **{"Idempotency-Key": "order-7"})
    retry = await post_check(client, auth_keys, body, **{"Idempotency-Key": "order-7"})
    reused = await post_check(
        client, auth_keys, {**body, "amount": "1.00"}, **{"Idempotency-Key": "order-7"}
    )

    assert first.status_code == retry.status_code == 200, (first.text, retry.text)
    assert retry.json() == first.json()
    assert retry.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert_problem(reused, 422, "idempotency-key-reused")
    assert [kind for kind, _ in await db.outbox(customer)][-1:] == ["credit.credit_reserved.v1"]
    assert (await profile(client, auth_keys, customer))["reserved"] == "100.00"


async def test_a_check_ends_the_reservations_that_lapsed_before_deciding(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    db: ServiceDb,
    clock: Clock,
) -> None:
    customer = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    order = {"customer_id": customer, "currency": "EUR", "reserve": True}
    lapsing = await post_check(
        client,
        auth_keys,
        {**order, "amount": "300.00", "order_reference": new_id(), "expires_at": "2026-11-20"},
    )
    clock.now = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    later = await post_check(
        client, auth_keys, {**order, "amount": "350.00", "order_reference": new_id()}
    )

    assert later.status_code == 200, later.text
    assert (later.json()["decision"], later.json()["available_before"]) == ("approved", "400.00")
    events = [(kind, p.get("reservation_id")) for kind, p in await db.outbox(customer)][-3:]
    assert events == [
        ("credit.credit_reserved.v1", lapsing.json()["reservation_id"]),
        ("credit.credit_reservation_ended.v1", lapsing.json()["reservation_id"]),
        ("credit.credit_reserved.v1", later.json()["reservation_id"]),
    ]
    assert (await profile(client, auth_keys, customer))["reserved"] == "350.00"


async def test_a_check_without_a_valid_token_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await customer_owing(client, delivery, auth_keys, "1.00", "1000.00")
    body = {"customer_id": customer, "amount": "5.00", "currency": "EUR", "reserve": True}
    before = await db.counts("credit_reservations", "outbox")

    missing = await client.post("/v1/credit-checks", json={**body, "order_reference": "SO-1"})
    forged = await client.post(
        "/v1/credit-checks",
        json={**body, "order_reference": "SO-2"},
        headers={"Authorization": f"Bearer {KeyPair.generate().auth('service')['Authorization']}"},
    )

    assert_problem(missing, 401, "unauthenticated")
    assert_problem(forged, 401, "unauthenticated")
    assert await db.counts("credit_reservations", "outbox") == before


@pytest.fixture
def decided_on() -> Iterator[list[str]]:
    """Which unit of work decided each check the order path took: OrderBook, or the full
    CreditUnitOfWork it hands over to (the declared route's checks are not seen here)."""
    seen: list[str] = []

    async def recording(uow: Any, order: Any, now: datetime) -> Any:
        seen.append(type(uow).__name__)
        return await check_credit(uow, order, now)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(check_route, "check_credit", recording)
        yield seen


async def test_a_keyed_check_is_decided_and_remembered_on_the_order_path(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    db: ServiceDb,
    decided_on: list[str],
) -> None:
    customer = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    body = {"customer_id": customer, "amount": "100.00", "currency": "EUR", "reserve": True}
    # a first check keeps the policy in force in this process
    await post_check(client, auth_keys, {**body, "reserve": False})
    decided_on.clear()
    order = {**body, "order_reference": "SO-KEYED"}

    first = await post_check(client, auth_keys, order, **{"Idempotency-Key": "order-8"})
    retry = await post_check(client, auth_keys, order, **{"Idempotency-Key": "order-8"})
    reused = await post_check(
        client, auth_keys, {**order, "amount": "1.00"}, **{"Idempotency-Key": "order-8"}
    )

    assert decided_on == ["OrderBook"], "decided once, on the order path; the retry replayed"
    assert first.status_code == retry.status_code == 200, (first.text, retry.text)
    assert (first.json()["decision"], first.json()["available_after"]) == ("approved", "300.00")
    assert retry.json() == first.json()
    assert retry.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert_problem(reused, 422, "idempotency-key-reused")
    kept = await db.rows(
        "SELECT status_code, response->>'reservation_id' FROM idempotency_keys WHERE key = :k",
        k="order-8",
    )
    assert kept == [(200, first.json()["reservation_id"])]
    assert await db.rows(
        "SELECT order_reference, amount FROM credit_reservations WHERE customer_id = :c",
        c=customer,
    ) == [("SO-KEYED", 10000)]


async def test_a_keyed_check_that_reserves_nothing_replays_its_first_answer(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    decided_on: list[str],
) -> None:
    customer = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    body = {"customer_id": customer, "amount": "100.00", "currency": "EUR"}
    await post_check(client, auth_keys, body)
    decided_on.clear()

    first = await post_check(client, auth_keys, body, **{"Idempotency-Key": "look-1"})
    await delivery.deliver(invoice(customer, "250.00"))
    retry = await post_check(client, auth_keys, body, **{"Idempotency-Key": "look-1"})
    fresh = await post_check(client, auth_keys, body, **{"Idempotency-Key": "look-2"})

    assert decided_on == ["OrderBook", "OrderBook"]
    assert first.json()["available_before"] == retry.json()["available_before"] == "400.00"
    assert retry.headers["idempotent-replayed"] == "true"
    assert fresh.json()["available_before"] == "150.00"


async def test_keyed_checks_side_by_side_reserve_once_and_answer_alike(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    body = {"customer_id": customer, "amount": "100.00", "currency": "EUR", "reserve": True}
    await post_check(client, auth_keys, {**body, "reserve": False})
    order = {**body, "order_reference": "SO-TWICE"}

    answers = await asyncio.gather(
        *(post_check(client, auth_keys, order, **{"Idempotency-Key": "order-9"}) for _ in range(6))
    )

    assert [a.status_code for a in answers] == [200] * 6
    assert len({a.json()["reservation_id"] for a in answers}) == 1
    assert {a.json()["available_after"] for a in answers} == {"300.00"}
    assert sum("idempotent-replayed" not in a.headers for a in answers) == 1
    assert await db.rows(
        "SELECT count(*) FROM credit_reservations WHERE customer_id = :c", c=customer
    ) == [(1,)]
