"""Any sequence of invoices, payments, voids, credit notes, refunds, write-offs and late-fee
runs, driven through the use cases on the real database, keeps the books balanced: every
integrity check holds, no amount goes negative, and what the customer owes net of credit is
exactly what was billed less what was paid, credited and written off, plus what was refunded."""

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.adjustments.late_fee import LateFeeKind
from ledger_svc.use_cases.adjustments.set_late_fee_policy import set_late_fee_policy
from ledger_svc.use_cases.books.check_integrity import check_integrity

from .adjustment_moves import LOWEST_AMOUNTS, Books, Sessions, apply


@pytest.fixture(scope="module")
async def sessions(database_url: str) -> AsyncIterator[Sessions]:
    engine = create_async_engine(database_url)
    factory = async_sessionmaker(engine, expire_on_commit=False)
    async with factory() as session:
        uow = LedgerUnitOfWork(session)
        await set_late_fee_policy(
            uow,
            currency="EUR",
            kind=LateFeeKind.PERCENT,
            amount=None,
            percent_per_month=Decimal(2),
            grace_days=0,
            set_by="admin",
        )
        await uow.commit()
    yield factory
    await engine.dispose()


amounts = st.integers(1, 40_000)
steps = st.one_of(
    st.tuples(
        st.sampled_from(["issue", "pay", "credit_on_account", "refund"]), st.integers(0, 9), amounts
    ),
    st.tuples(
        st.sampled_from(["void", "credit", "settle_refund", "write_off", "late_fees"]),
        st.integers(0, 9),
        amounts,
    ),
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=st.lists(steps, min_size=1, max_size=12))
async def test_any_sequence_of_adjustments_keeps_the_books_balanced_and_nothing_negative(
    sessions: Sessions, register_customer, sequence: list[tuple[Any, ...]]
) -> None:
    books = Books(await register_customer("EUR"))
    for step in sequence:
        await apply(sessions, books, step)

    async with sessions() as session:
        uow = LedgerUnitOfWork(session)
        report = await check_integrity(uow)
        assert report.ok, report
        balance = await uow.accounts.balance(books.customer_id)
        assert balance is not None
        assert balance.open_amount - balance.credit_amount == books.owed
        lowest = await session.execute(text(LOWEST_AMOUNTS))
        assert min(lowest.one()) >= 0
