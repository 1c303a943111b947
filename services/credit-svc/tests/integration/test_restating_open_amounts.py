"""Restating open amounts goes straight to the driver, yet within the unit of work's session:
it and the standing read after it see what the session holds and has not sent yet."""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from uuid6 import uuid7

from credit_svc.adapters.tables import CreditAccountRow, ReceivableRow
from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import CreditAccount


async def test_the_restatement_sees_what_the_session_holds_unsent(database_url: str) -> None:
    customer, held, restated, new = (str(uuid7()) for _ in range(4))
    engine = create_async_engine(database_url)
    try:
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        async with sessions() as session, session.begin():
            # Under way, as the inbox's claim leaves it before the handler runs.
            await session.execute(select(1))
            uow = CreditUnitOfWork(session)
            session.add(CreditAccountRow(customer_id=customer, currency="EUR", terms_days=45))
            for invoice in (held, restated):
                session.add(
                    ReceivableRow(
                        invoice_id=invoice,
                        customer_id=customer,
                        currency="EUR",
                        open_amount=10_000,
                        overdue=False,
                    )
                )

            await uow.lock_and_restate_open(
                CreditAccount(customer, "EUR"), {restated: 4_000, new: 700}
            )
            found = await uow.standings.of(customer, now=datetime(2026, 11, 16, tzinfo=UTC))

        assert found is not None
        assert (found.account.terms_days, found.standing.open_receivables) == (45, 14_700)
    finally:
        await engine.dispose()
