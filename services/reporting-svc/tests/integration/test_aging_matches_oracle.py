"""Aging read from Postgres equals the independent oracle to the cent, on generated histories
of instalment invoices, partial payments with discounts, credit notes, write-offs, applied
credit, reversals, voids, disputes and backdated facts, at dates before, between and after
them, and as known at times before and after the facts were recorded."""

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from reporting_svc.projections.aging.buckets import buckets_for
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.query import load_groups, load_open_invoices
from reporting_svc.projections.aging.reference import AppliedPayment, IssuedInvoice, VoidedInvoice
from reporting_svc.projections.aging.rows import GroupBy, age_invoices
from reporting_svc.projections.facts.adjustment_records import record_adjustments
from reporting_svc.projections.facts.adjustments import AdjustmentKind, InvoiceAdjustment
from reporting_svc.projections.facts.customer_groups import record_customer_attributes
from reporting_svc.projections.facts.dispute_records import (
    record_dispute_opened,
    record_dispute_resolved,
)
from reporting_svc.projections.facts.receivables import record_invoice, record_payment, record_void

from .receivables_oracle import Dispute, Invoice, Settlement, Sums, aging

START = date(2026, 1, 1)
T0 = datetime(2026, 12, 1, tzinfo=UTC)
CUSTOMERS = ["c1", "c2", "C3"]
REGIONS = {"c1": "north", "c2": "south"}  # C3 has none: it is grouped under null
days = st.integers(-10, 200).map(lambda n: START + timedelta(days=n))
times = st.integers(0, 30).map(lambda h: T0 + timedelta(hours=h))
KINDS = ["payment", "discount", "credit_note", "write_off", "credit_application", "reversal"]
Book = tuple[list[Invoice], list[Settlement], list[Dispute], list[bool]]


@st.composite
def invoices(draw: st.DrawFn, n: int) -> Invoice:
    issue = draw(days)
    total = draw(st.integers(1, 10**9))
    parts: list[tuple[date, int]] = []
    if draw(st.booleans()):
        cuts = sorted(draw(st.sets(st.integers(1, total - 1), max_size=3))) if total > 1 else []
        edges = [0, *cuts, total]
        dues = sorted(issue + timedelta(days=draw(st.integers(0, 120))) for _ in edges[1:])
        parts = [(due, b - a) for due, a, b in zip(dues, edges, edges[1:], strict=False)]
        # Sometimes the instalments do not add up: the invoice then falls due whole.
        if draw(st.integers(0, 9)) == 0:
            parts = parts[:-1] or [(issue, total + 1)]
    due = max([d for d, _ in parts], default=issue + timedelta(days=draw(st.integers(0, 90))))
    void = (draw(days), draw(times)) if draw(st.integers(0, 4)) == 0 else None
    return Invoice(
        f"i{n}",
        draw(st.sampled_from(CUSTOMERS)),
        draw(st.sampled_from(["EUR", "JPY"])),
        total,
        issue,
        due,
        draw(times),
        parts,
        void,
    )


@st.composite
def books(draw: st.DrawFn) -> Book:
    book = [draw(invoices(n)) for n in range(draw(st.integers(0, 6)))]
    settlements = [
        Settlement(
            draw(st.sampled_from(KINDS)),
            f"s{k}",
            inv.invoice_id,
            draw(st.integers(1, inv.total)),
            draw(days),
            draw(times),
        )
        for inv in book
        for k in range(draw(st.integers(0, 4)))
    ]
    disputes = [
        Dispute(
            f"d{inv.invoice_id}{k}",
            inv.invoice_id,
            draw(st.integers(1, inv.total)),
            (draw(days), draw(times)),
            draw(st.none() | st.tuples(days, times)),
        )
        for inv in book
        for k in range(draw(st.integers(0, 1)))
    ]
    # Whether each invoice's void is recorded before its issue (a redriven issue).
    return book, settlements, disputes, [draw(st.booleans()) for _ in book]


@pytest.fixture(scope="module")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url, pool_size=1)
    yield engine
    await engine.dispose()


async def _record(session: AsyncSession, book: Book) -> None:
    invoices, settlements, disputes, void_first = book
    customer_of = {i.invoice_id: i.customer for i in invoices}
    for customer, region in REGIONS.items():
        await record_customer_attributes(session, customer, {"region": region})
    for inv, first in zip(invoices, void_first, strict=True):
        void = inv.void and VoidedInvoice(
            inv.invoice_id, inv.customer, inv.currency, inv.total, inv.void[0]
        )
        if void and inv.void and first:
            await record_void(session, void, inv.invoice_id, voided_at=inv.void[1])
        issued = IssuedInvoice(
            inv.invoice_id, inv.customer, inv.currency, inv.total, inv.issue, inv.due
        )
        await record_invoice(
            session, issued, inv.invoice_id, issued_at=inv.issued_at, instalments=inv.instalments
        )
        if void and inv.void and not first:
            await record_void(session, void, inv.invoice_id, voided_at=inv.void[1])
    for s in settlements:
        customer = customer_of[s.invoice_id]
        if s.kind == "payment":
            paid = [AppliedPayment(s.invoice_id, s.amount, s.on)]
            await record_payment(session, customer, s.source, paid, recorded_at=s.at)
            continue
        kind = AdjustmentKind(s.kind)
        reduction = -s.amount if kind is AdjustmentKind.REVERSAL else s.amount
        change = InvoiceAdjustment(kind, s.source, s.invoice_id, reduction, s.on)
        await record_adjustments(session, customer, [change], recorded_at=s.at)
    for x in disputes:
        customer = customer_of[x.invoice_id]
        await record_dispute_opened(
            session, x.dispute_id, x.invoice_id, customer, x.amount, x.opened
        )
        if x.resolved:
            await record_dispute_resolved(
                session, x.dispute_id, x.invoice_id, customer, x.amount, x.resolved
            )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    book=books(),
    as_of=days,
    known_at=st.none() | times,
    edges=st.sets(st.integers(1, 150), min_size=1, max_size=4).map(sorted),
    basis=st.sampled_from(list(AgingBasis)),
    group_by=st.sampled_from([GroupBy.CUSTOMER, GroupBy.REGION, GroupBy.CURRENCY]),
    customer_id=st.none() | st.sampled_from(CUSTOMERS),
)
async def test_aging_equals_the_oracle(
    engine: AsyncEngine,
    book: Book,
    as_of: date,
    known_at: datetime | None,
    edges: list[int],
    basis: AgingBasis,
    group_by: GroupBy,
    customer_id: str | None,
) -> None:
    async with engine.connect() as conn:
        transaction = await conn.begin()
        session = AsyncSession(bind=conn)
        try:
            await _record(session, book)
            found = await load_open_invoices(session, as_of, known_at, customer_id)
            groups = await load_groups(session, group_by, [i.customer_id for i in found])
        finally:
            await session.close()
            await transaction.rollback()
    result = age_invoices(found, as_of, buckets_for(edges), basis, groups)

    invoices, settlements, disputes, _ = book
    mine = [i for i in invoices if customer_id is None or i.customer == customer_id]
    group_of: dict[str, str | None] = {
        GroupBy.CUSTOMER: {c: c for c in CUSTOMERS},
        GroupBy.REGION: dict(REGIONS),
        GroupBy.CURRENCY: {},
    }[group_by]
    rows, totals = aging(mine, settlements, disputes, as_of, known_at, edges, basis.value, group_of)

    def got(lines: tuple[object, ...]) -> Sums:
        return {(r.group, r.currency): [*r.amounts, r.disputed] for r in lines}  # type: ignore[attr-defined]

    assert got(result.rows) == rows
    assert got(result.totals) == totals
