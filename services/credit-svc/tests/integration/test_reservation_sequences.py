"""Any sequence of invoices, payments and reservations placed, converted (by an invoice for
the order, before or after the reservation), released and expired, driven through the use
cases on the real database: exposure is always the open receivables plus the live
reservations, and a converted reservation never counts again. The check's own read agrees."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from uuid6 import uuid7

from credit_svc.adapters.standing import Standings
from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.reservations import end_of_business_day
from credit_svc.use_cases.add_invoice_to_exposure import add_invoice_to_exposure
from credit_svc.use_cases.clear_paid_invoice import clear_paid_invoice
from credit_svc.use_cases.credit_standing import account_of, standing_now
from credit_svc.use_cases.open_credit_account import open_credit_account
from credit_svc.use_cases.reserve_credit import (
    expire_reservations,
    release_reservation,
    reserve_credit,
)
from ledgerflow_events.money import format_minor

Sessions = async_sessionmaker[Any]
START = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
async def sessions(database_url: str) -> AsyncIterator[Sessions]:
    engine = create_async_engine(database_url)
    yield async_sessionmaker(engine, expire_on_commit=False)
    await engine.dispose()


@dataclass
class Books:
    """What the test expects, kept apart from the service: the oracle."""

    now: datetime = START
    invoices: dict[str, int] = field(default_factory=dict)
    # order -> [reservation id, amount, expires_at, status]
    orders: dict[str, list[Any]] = field(default_factory=dict)
    # orders an invoice has billed: a reservation asked for afterwards converts at once
    billed: set[str] = field(default_factory=set)

    def reserved(self) -> int:
        return sum(a for _, a, e, s in self.orders.values() if s == "live" and e > self.now)


amounts = st.integers(1, 500_000)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("issue"), st.integers(0, 5), amounts),
        st.tuples(st.just("reserve"), st.integers(0, 5), amounts),
        st.tuples(st.just("convert"), st.integers(0, 5), amounts),
        st.tuples(st.sampled_from(["pay", "release", "later", "expire"]), st.integers(0, 5)),
    ),
    min_size=1,
    max_size=12,
)


async def apply(uow: CreditUnitOfWork, books: Books, customer: str, step: tuple[Any, ...]) -> None:
    kind, n, *rest = step
    order, now = f"SO-{n}", books.now
    match kind:
        case "issue" | "convert":
            invoice = str(uuid7())
            await add_invoice_to_exposure(
                uow,
                customer_id=customer,
                invoice_id=invoice,
                currency="EUR",
                total=rest[0],
                due_date=now.date() + timedelta(days=30),
                order_reference=order if kind == "convert" else None,
                as_of=now.date(),
                now=now,
            )
            books.invoices[invoice] = rest[0]
            if kind == "convert":
                books.billed.add(order)
            if kind == "convert" and order in books.orders and books.orders[order][3] == "live":
                books.orders[order][3] = "converted"
        case "reserve" if order not in books.orders:
            expires_on = now.date() + timedelta(days=n % 3 + 1)
            reservation, placed = await reserve_credit(
                uow,
                customer,
                amount=format_minor(rest[0], "EUR"),
                currency="EUR",
                order_reference=order,
                expires_at=expires_on,
                now=now,
            )
            assert placed
            status = "converted" if order in books.billed else "live"
            books.orders[order] = [reservation.id, rest[0], end_of_business_day(expires_on), status]
            assert reservation.status == status
        case "release" if order in books.orders and books.orders[order][3] == "live":
            await release_reservation(uow, books.orders[order][0], now=now)
            books.orders[order][3] = "released"
        case "pay" if books.invoices:
            invoice = sorted(books.invoices)[n % len(books.invoices)]
            await clear_paid_invoice(
                uow,
                customer_id=customer,
                invoice_id=invoice,
                currency="EUR",
                as_of=now.date(),
                now=now,
            )
            books.invoices[invoice] = 0
        case "later":
            books.now = now + timedelta(days=1)
        case "expire":
            as_of: date = now.date() - timedelta(days=1)
            await expire_reservations(uow, as_of=as_of, now=now, customer_id=customer)
            for entry in books.orders.values():
                if entry[3] == "live" and entry[2] <= end_of_business_day(as_of):
                    entry[3] = "expired"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=steps)
async def test_exposure_is_open_receivables_plus_live_reservations_after_any_sequence(
    sessions: Sessions, sequence: list[tuple[Any, ...]]
) -> None:
    customer, books = str(uuid7()), Books()
    async with sessions() as session:
        uow = CreditUnitOfWork(session)
        await open_credit_account(uow, customer_id=customer, currency="EUR", terms_days=30)
        for step in sequence:
            await apply(uow, books, customer, step)
            standing = await standing_now(uow, await account_of(uow, customer), books.now)
            open_receivables = sum(books.invoices.values())
            assert standing.open_receivables == open_receivables
            assert standing.reserved == books.reserved()
            assert standing.exposure == open_receivables + books.reserved()
            # The check's own read, in one statement, agrees.
            found = await Standings(session).of(customer, now=books.now)
            assert found is not None
            assert found.standing.reserved == books.reserved()
        await uow.commit()
