"""What a payment counts towards besides the arrears: the open case and the customer's promises
and plans, found together, delivered through the real inbox."""

from collections.abc import AsyncIterator
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.case import CollectionCase
from collections_svc.domain.commitments import Commitments
from collections_svc.domain.payment_plan import Instalment
from collections_svc.settings import Settings
from collections_svc.use_cases.keep_plans import agree_payment_plan, plan_by_id
from collections_svc.use_cases.keep_promises import promise_by_id, promise_to_pay
from ledgerflow_events.contracts.ledger import (
    CreditDrawn,
    InvoiceVoided,
    PaymentAllocated,
    PaymentAllocation,
    PaymentReceived,
)
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.testing import EventDelivery, service_db

from .ledger_facts import OPEN, issued, new_id, overdue

Sessions = async_sessionmaker[AsyncSession]
DUES = (date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1))


@pytest.fixture
async def sessions(settings: Settings) -> AsyncIterator[Sessions]:
    engine = create_engine(settings, pool_size=2)
    yield session_factory(engine)
    await engine.dispose()


def paying(customer: str, invoice: str, amount: str, open_after: str, on: date) -> PaymentReceived:
    return PaymentReceived(
        customer_id=customer,
        payment_id=new_id(),
        currency="EUR",
        amount=amount,
        received_on=on,
        allocations=[
            PaymentAllocation(invoice_id=invoice, amount=amount, open_amount_after=open_after)
        ],
        unapplied_amount="0.00",
    )


def voided(customer: str, invoice: str, total: str, on: date) -> InvoiceVoided:
    return InvoiceVoided(
        customer_id=customer,
        invoice_id=invoice,
        number=f"INV-{invoice[-6:]}",
        currency="EUR",
        total=total,
        voided_on=on,
    )


async def in_arrears(delivery: EventDelivery, customer: str, total: str) -> str:
    """An invoice of `total` overdue since November 1st: the customer's case opens."""
    invoice = new_id()
    await delivery.deliver(issued(customer, invoice, total))
    await delivery.deliver(overdue(customer, invoice, total))
    return invoice


async def open_case(sessions: Sessions, customer: str) -> CollectionCase:
    async with sessions() as session:
        case = await CollectionsUnitOfWork(session).cases.open_case_of(customer)
    assert case is not None
    return case


async def promise(sessions: Sessions, customer: str, amount: int) -> str:
    """A promise of `amount` (minor units) on any of the customer's invoices, made November 2nd
    for November 10th."""
    case = await open_case(sessions, customer)
    async with sessions() as session:
        uow = CollectionsUnitOfWork(session)
        made = await promise_to_pay(
            uow,
            promise_id=new_id(),
            case_id=case.id,
            amount=amount,
            currency="EUR",
            made_on=date(2026, 11, 2),
            promised_on=date(2026, 11, 10),
            invoice_ids=(),
        )
        await uow.commit()
    return made.id


async def plan(sessions: Sessions, customer: str, invoices: tuple[str, ...], *amounts: int) -> str:
    """A plan over `invoices`, agreed November 2nd: an instalment of each amount, monthly from
    December 1st."""
    case = await open_case(sessions, customer)
    async with sessions() as session:
        uow = CollectionsUnitOfWork(session)
        agreed = await agree_payment_plan(
            uow,
            plan_id=new_id(),
            case_id=case.id,
            invoice_ids=invoices,
            instalments=tuple(
                Instalment(due_on, amount) for due_on, amount in zip(DUES, amounts, strict=False)
            ),
            on=date(2026, 11, 2),
        )
        await uow.commit()
    return agreed.id


async def found(sessions: Sessions, customer: str) -> tuple[tuple[str, int] | None, Commitments]:
    async with sessions() as session:
        uow = CollectionsUnitOfWork(session)
        case, commitments = await uow.cases.open_case_and_commitments(customer)
    return ((case.customer_id, case.overdue_amount) if case else None), commitments


async def test_the_open_case_comes_with_what_the_customer_promised_and_planned(
    delivery: EventDelivery, sessions: Sessions
) -> None:
    nothing, promising, planning, both, kept = (new_id() for _ in range(5))
    await delivery.deliver(issued(nothing, new_id(), "10.00"))
    await in_arrears(delivery, promising, "300.00")
    await promise(sessions, promising, 10_000)
    planned = await in_arrears(delivery, planning, "400.00")
    await plan(sessions, planning, (planned,), 30_000, 10_000)
    both_invoice = await in_arrears(delivery, both, "500.00")
    await promise(sessions, both, 10_000)
    await plan(sessions, both, (both_invoice,), 50_000)
    kept_invoice = await in_arrears(delivery, kept, "300.00")
    await promise(sessions, kept, 10_000)
    await delivery.deliver(paying(kept, kept_invoice, "100.00", "200.00", date(2026, 11, 5)))

    assert await found(sessions, nothing) == (None, Commitments(False, False))
    assert await found(sessions, promising) == ((promising, 30_000), Commitments(True, False))
    assert await found(sessions, planning) == ((planning, 40_000), Commitments(False, True))
    assert await found(sessions, both) == ((both, 50_000), Commitments(True, True))
    assert await found(sessions, kept) == ((kept, 20_000), Commitments(False, False))


@pytest.mark.parametrize("with_commitments", [False, True], ids=["alone", "with_commitments"])
async def test_the_open_case_a_payment_finds_stays_locked_until_the_end(
    delivery: EventDelivery, sessions: Sessions, with_commitments: bool
) -> None:
    customer = new_id()
    await in_arrears(delivery, customer, "300.00")
    async with sessions() as holding, holding.begin():
        cases = CollectionsUnitOfWork(holding).cases
        if with_commitments:
            case, _ = await cases.open_case_and_commitments(customer)
        else:
            case = await cases.open_case_of(customer)
        assert case is not None
        assert (case.customer_id, case.status, case.overdue_amount) == (customer, OPEN, 30_000)
        async with sessions() as other, other.begin():
            # Conflicts with FOR UPDATE alone: a weaker lock would let it through.
            with pytest.raises(DBAPIError, match="could not obtain lock"):
                await other.execute(
                    text("SELECT id FROM collection_cases WHERE id = :id FOR KEY SHARE NOWAIT"),
                    {"id": case.id},
                )


async def test_a_promise_outliving_its_case_is_kept_by_a_later_payment(
    delivery: EventDelivery, sessions: Sessions, database_url: str
) -> None:
    customer = new_id()
    overdue_invoice = await in_arrears(delivery, customer, "300.00")
    current_invoice = new_id()
    await delivery.deliver(issued(customer, current_invoice, "500.00"))
    promise_id = await promise(sessions, customer, 30_000)
    await delivery.deliver(voided(customer, overdue_invoice, "300.00", date(2026, 11, 3)))
    assert await found(sessions, customer) == (None, Commitments(True, False))

    await delivery.deliver(paying(customer, current_invoice, "300.00", "200.00", date(2026, 11, 8)))

    async with sessions() as session:
        kept = await promise_by_id(CollectionsUnitOfWork(session), promise_id)
    assert (kept.status.value, kept.paid, kept.kept_on) == ("kept", 30_000, date(2026, 11, 8))
    async with service_db(database_url) as db:
        events = [e for e, _ in await db.outbox(customer)]
    assert events == [
        "collections.promise_made.v1",
        "collections.promise_kept.v1",
    ]


async def test_a_plan_outliving_its_case_counts_a_later_payment(
    delivery: EventDelivery, sessions: Sessions
) -> None:
    customer = new_id()
    late = await in_arrears(delivery, customer, "200.00")
    current = new_id()
    await delivery.deliver(issued(customer, current, "100.00"))
    plan_id = await plan(sessions, customer, (late, current), 15_000, 15_000)
    await delivery.deliver(voided(customer, late, "200.00", date(2026, 11, 3)))
    assert await found(sessions, customer) == (None, Commitments(False, True))

    await delivery.deliver(paying(customer, current, "100.00", "0.00", date(2026, 11, 9)))

    async with sessions() as session:
        counted = await plan_by_id(CollectionsUnitOfWork(session), plan_id)
    assert (counted.status.value, counted.paid, counted.ended_on) == ("on_track", 10_000, None)


async def test_customer_credit_applied_to_the_arrears_keeps_the_promise_and_closes_the_case(
    delivery: EventDelivery, sessions: Sessions
) -> None:
    customer = new_id()
    late = await in_arrears(delivery, customer, "300.00")
    promise_id = await promise(sessions, customer, 30_000)

    await delivery.deliver(
        PaymentAllocated(
            customer_id=customer,
            allocation_id=new_id(),
            currency="EUR",
            applied_on=date(2026, 11, 7),
            allocations=[
                PaymentAllocation(invoice_id=late, amount="300.00", open_amount_after="0.00")
            ],
            sources=[CreditDrawn(source_kind="credit_note", source_id=new_id(), amount="300.00")],
            credit_remaining="0.00",
        )
    )

    async with sessions() as session:
        kept = await promise_by_id(CollectionsUnitOfWork(session), promise_id)
    assert (kept.status.value, kept.paid, kept.kept_on) == ("kept", 30_000, date(2026, 11, 7))
    assert await found(sessions, customer) == (None, Commitments(False, False))
