"""A run's selection is made by one SQL query; the pure rule `next_level` is its oracle. On a
generated book (several policies, minimum amounts, spacing, pre-due levels, holds, paid and
undated invoices) the two must choose exactly the same invoices and levels."""

import random
from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.tables import ReceivableRow
from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.dunning import next_level
from collections_svc.domain.dunning_policy import (
    DEFAULT_POLICY,
    Channel,
    DunningLevel,
    DunningPolicy,
    PolicyStatus,
    Template,
)
from collections_svc.domain.holds import Holds
from collections_svc.settings import Settings
from ledgerflow_platform.database import create_engine, session_factory

AS_OF = date(2026, 12, 8)


def policy(
    name: str, offsets: list[int], min_days: int, min_amount: dict[str, int]
) -> DunningPolicy:
    levels = tuple(
        DunningLevel(n + 1, offset, Channel.EMAIL, Template.NOTICE)
        for n, offset in enumerate(offsets)
    )
    return DunningPolicy(name, name, 1, PolicyStatus.ACTIVE, levels, min_days, min_amount, 3)


IN_FORCE = {
    DEFAULT_POLICY: policy(DEFAULT_POLICY, [-5, 7, 21, 30], 7, {}),
    "strict": policy("strict", [-10, -2, 3, 10, 45], 3, {"EUR": 50_00}),
    "patient": policy("patient", [14, 60], 14, {"USD": 10_00, "EUR": 1}),
}
# Customers 0..9 follow the default; others are assigned, some to a policy not in force.
ASSIGNED = {10: "strict", 11: "strict", 12: "patient", 13: "patient", 14: "retired"}
HELD = Holds(customers=frozenset({"c-03"}), disputed=frozenset({"i-05-1", "i-11-2"}))


def book() -> list[dict[str, object]]:
    rng = random.Random(11)
    rows = []
    for c in range(15):
        for i in range(40):
            last_gap = rng.choice([None, 0, 2, 3, 6, 7, 13, 14, 30])
            rows.append(
                {
                    "invoice_id": f"i-{c:02}-{i}",
                    "customer_id": f"c-{c:02}",
                    "currency": rng.choice(["EUR", "USD"]),
                    "open_amount": rng.choice([0, 1, 9_99, 10_00, 49_99, 50_00, 1234_56]),
                    "overdue": True,
                    "number": None if i % 7 == 0 else f"INV-{c}-{i}",
                    "due_date": (None if i == 39 else AS_OF + timedelta(days=rng.randint(-90, 15))),
                    "level": rng.randint(0, 5),
                    "last_notice_on": None if last_gap is None else AS_OF - timedelta(last_gap),
                }
            )
    return rows


@pytest.fixture
async def session(settings: Settings) -> AsyncIterator[AsyncSession]:
    engine = create_engine(settings, pool_size=1)
    async with session_factory(engine)() as s:
        yield s
    await engine.dispose()


async def test_sql_and_the_pure_rule_choose_the_same_invoices_and_levels(
    session: AsyncSession,
) -> None:
    uow = CollectionsUnitOfWork(session)
    await session.execute(insert(ReceivableRow), book())
    for c, name in ASSIGNED.items():
        await uow.policies.assign(f"c-{c:02}", name)

    chosen = await uow.dunned.due_steps(AS_OF, IN_FORCE, HELD)

    assigned = await uow.policies.assigned()
    expected = []
    for invoice in await uow.dunned.open_ones():
        pol = IN_FORCE.get(assigned.get(invoice.customer_id, DEFAULT_POLICY))
        if HELD.holds(invoice) or pol is None:
            continue
        level = next_level(invoice, pol, AS_OF)
        if level is not None:
            expected.append((invoice, pol.name, level.level))
    assert [(s.invoice, s.policy, s.level) for s in chosen] == expected
    # The book exercises every policy and several levels, and holds and policies bite.
    assert {s.policy for s in chosen} == {DEFAULT_POLICY, "strict", "patient"}
    assert {s.level for s in chosen} >= {1, 2, 3}
    customers = {s.invoice.customer_id for s in chosen}
    assert not customers & {"c-03", "c-14"}
    assert not {s.invoice.invoice_id for s in chosen} & {"i-05-1", "i-11-2"}
    await session.rollback()
