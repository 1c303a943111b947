from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from customer_svc.adapters.customer_table.store import CustomerTableStore, FiledCustomer
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.customer_table.table import TableConflictsWithFile
from customer_svc.domain.customers.customer import new_customer
from customer_svc.use_cases.customers.register_customer import register_customer
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_platform.testing import service_db

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TABLES = ("customers", "event_streams", "outbox")


def filed(customer_id: str, code: str) -> FiledCustomer:
    customer = replace(
        new_customer(customer_id, "Raced In Ltd", "EUR", 30, NOW), code=code, updated_at=NOW
    )
    registered = CustomerRegistered(
        customer_id=customer_id,
        name=customer.name,
        currency="EUR",
        payment_terms_days=30,
        registered_at=NOW,
    )
    return FiledCustomer(customer, [], [], [registered])


async def test_a_code_filed_by_someone_else_meanwhile_refuses_the_table_and_writes_nothing(
    database_url: str,
) -> None:
    engine = create_async_engine(database_url)
    async with service_db(database_url) as db:
        async with AsyncSession(engine) as session:
            uow = CustomerUnitOfWork(session)
            await register_customer(
                uow,
                name="First In Ltd",
                currency="EUR",
                payment_terms_days=30,
                profile={"code": "RACE-1"},
                now=NOW,
            )
            await uow.commit()
        before = await db.counts(*TABLES)

        async with AsyncSession(engine) as session:
            store = CustomerTableStore(session)
            with pytest.raises(TableConflictsWithFile):
                await store.file([filed("raced-a", "RACE-2"), filed("raced-b", "RACE-1")])
            await session.rollback()

        assert await db.counts(*TABLES) == before
    await engine.dispose()


async def test_fresh_codes_skip_codes_given_by_hand(database_url: str) -> None:
    engine = create_async_engine(database_url)
    async with AsyncSession(engine) as session:
        uow = CustomerUnitOfWork(session)
        drawn = await CustomerTableStore(session).fresh_codes(1)
        after = f"C{int(drawn[0][1:]) + 1:06d}"
        await register_customer(
            uow,
            name="Hand Coded",
            currency="EUR",
            payment_terms_days=30,
            profile={"code": after},
            now=NOW,
        )

        codes = await CustomerTableStore(session).fresh_codes(2)

        assert after not in codes
        assert len(set(codes)) == 2
    await engine.dispose()
