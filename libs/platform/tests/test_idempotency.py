from collections.abc import AsyncIterator

import pytest
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from ledgerflow_platform.idempotency import (
    IdempotencyStore,
    KeyReusedForOtherRequest,
    StoredResponse,
    define_idempotency_table,
    fingerprint,
    fingerprint_document,
)

metadata = MetaData()
STORE = IdempotencyStore(define_idempotency_table(metadata))


def test_the_same_json_in_another_key_order_or_spacing_is_the_same_request() -> None:
    assert fingerprint("POST", "/v1/payments", b'{"a": 1, "b": "2.00"}') == fingerprint(
        "POST", "/v1/payments", b'{"b":"2.00","a":1}'
    )


def test_another_body_or_endpoint_is_another_request() -> None:
    base = fingerprint("POST", "/v1/payments", b'{"amount": "2.00"}')
    assert base != fingerprint("POST", "/v1/payments", b'{"amount": "2.01"}')
    assert base != fingerprint("POST", "/v1/invoices", b'{"amount": "2.00"}')


def test_a_parsed_body_has_the_fingerprint_of_the_bytes_it_came_from() -> None:
    body = b'{"customer_id": "c-1", "amount": "2.00", "allocations": [{"invoice_id": "i"}]}'
    document = {"allocations": [{"invoice_id": "i"}], "amount": "2.00", "customer_id": "c-1"}
    assert fingerprint_document("POST", "/v1/payments", document) == fingerprint(
        "POST", "/v1/payments", body
    )


@pytest.fixture
async def sessions(pg_server) -> AsyncIterator[async_sessionmaker[AsyncSession]]:  # type: ignore[no-untyped-def]
    engine = create_async_engine(pg_server.create_database("idempotency"))
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    yield async_sessionmaker(engine, expire_on_commit=False)
    await engine.dispose()


async def test_keys_claimed_by_the_many_replay_as_one_key_would(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    a, b, c = ("cashier", "k-a"), ("cashier", "k-b"), ("service", "k-a")
    async with sessions() as session:
        assert await STORE.claim_many(session, {a: "print-a", b: "print-b", c: "print-c"}) == {}
        await STORE.remember_many(session, {a: (201, '{"id": "p-1"}'), c: (201, '{"id": "p-3"}')})
        # b's request was refused while a's and c's went through: its key is given back.
        await STORE.release_many(session, [b])
        await session.commit()

    async with sessions() as session:
        on_file = await STORE.claim_many(session, {a: "print-a", b: "print-b2", c: "other"})
        single = await STORE.claim(session, "cashier", "k-a", "print-a")
        await session.rollback()

    assert on_file == {
        a: StoredResponse(201, {"id": "p-1"}, "print-a"),
        c: StoredResponse(201, {"id": "p-3"}, "print-c"),
    }
    assert single == StoredResponse(201, {"id": "p-1"}, "print-a")


async def test_a_key_used_for_another_request_is_refused_by_the_single_claim(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await STORE.claim_many(session, {("cashier", "k"): "first"})
        await STORE.remember_many(session, {("cashier", "k"): (201, "{}")})
        await session.commit()
    async with sessions() as session:
        with pytest.raises(KeyReusedForOtherRequest):
            await STORE.claim(session, "cashier", "k", "second")
