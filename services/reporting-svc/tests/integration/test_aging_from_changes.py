"""The aging read from the invoices' kept changes equals the independent oracle and the aging
worked out from the facts in one statement, to the cent, page by page, on generated books of
instalment invoices, partial payments, credit notes, write-offs, reversals, voids, disputes and
backdated facts recorded in any order; and working every invoice's changes out again at once
(after a bulk load) leaves exactly the changes recorded fact by fact."""

from collections.abc import Awaitable, Callable
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from reporting_svc.projections.aging.buckets import buckets_for
from reporting_svc.projections.aging.changes import rebuild_aging_changes
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.report_changes import RowKey, age_from_changes
from reporting_svc.projections.aging.report_query import age_in_database, age_in_one_statement
from reporting_svc.projections.aging.rows import AgingResult, AgingRow, GroupBy
from reporting_svc.projections.facts.customer_groups import (
    record_customer_attributes,
    record_segments,
)

from .receivables_oracle import Sums, aging
from .test_aging_matches_oracle import CUSTOMERS, Book, _record, books, days, engine

__all__ = ["engine"]  # the module's database engine, shared with the oracle test

KEPT = (
    "SELECT invoice_id, part, changed_on, customer_id, currency, due_from, issued_on, "
    "change_minor FROM aging_changes ORDER BY 1, 2, 3",
    "SELECT currency, due_from, issued_on, changed_on, change_minor FROM aging_change_totals "
    "WHERE change_minor <> 0 ORDER BY 1, 2, 3, 4",
)


async def _kept(session: AsyncSession) -> list[list[tuple[object, ...]]]:
    return [[tuple(r) for r in await session.execute(text(q))] for q in KEPT]


async def _paged(
    page_after: Callable[[RowKey | None], Awaitable[AgingResult]], limit: int, whole: AgingResult
) -> list[AgingRow]:
    """Every page's rows, each page asked after the last row of the one before."""
    rows: list[AgingRow] = []
    after = None
    for _ in range(len(whole.rows) + 1):
        page = await page_after(after)
        assert page.totals == whole.totals
        rows.extend(page.rows)
        if len(page.rows) < limit:
            break
        after = (page.rows[-1].group, page.rows[-1].currency)
    return rows


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    book=books(),
    as_of=days,
    edges=st.sets(st.integers(1, 150), min_size=1, max_size=4).map(sorted),
    basis=st.sampled_from(list(AgingBasis)),
    group_by=st.sampled_from([GroupBy.CUSTOMER, GroupBy.CURRENCY]),
    customer_id=st.none() | st.sampled_from(CUSTOMERS),
    limit=st.integers(1, 3),
)
async def test_the_aging_from_changes_equals_the_oracle_and_the_whole_statement(
    engine: AsyncEngine,
    book: Book,
    as_of: date,
    edges: list[int],
    basis: AgingBasis,
    group_by: GroupBy,
    customer_id: str | None,
    limit: int,
) -> None:
    async with engine.connect() as conn:
        transaction = await conn.begin()
        session = AsyncSession(bind=conn)
        try:
            await _record(session, book)
            from_changes = await age_from_changes(
                session, as_of, customer_id, edges, basis, group_by, None, None
            )
            paged = await _paged(
                lambda after: age_from_changes(
                    session, as_of, customer_id, edges, basis, group_by, after, limit
                ),
                limit,
                from_changes,
            )
            from_facts = await age_in_one_statement(
                session, as_of, None, customer_id, edges, basis, group_by, None, None
            )
            recorded = await _kept(session)
            await rebuild_aging_changes(session)
            rebuilt = await _kept(session)
        finally:
            await session.close()
            await transaction.rollback()
    assert from_changes == from_facts
    assert paged == list(from_facts.rows)
    assert rebuilt == recorded

    invoices, settlements, disputes, _ = book
    mine = [i for i in invoices if customer_id is None or i.customer == customer_id]
    group_of = {c: c for c in CUSTOMERS} if group_by is GroupBy.CUSTOMER else {}
    rows, totals = aging(mine, settlements, disputes, as_of, None, edges, basis.value, group_of)

    def got(lines: tuple[AgingRow, ...]) -> Sums:
        return {(r.group, r.currency): [*r.amounts, r.disputed] for r in lines}

    assert got(from_changes.rows) == rows
    assert got(from_changes.totals) == totals


# c1 is in two segments (a row in each, once in the totals), c2 in one, C3 in none.
SEGMENTS = {"c1": ["retail", "wholesale"], "c2": ["retail"]}
INDUSTRIES = {"c2": "steel", "C3": "textiles"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    book=books(),
    as_of=days,
    edges=st.sets(st.integers(1, 150), min_size=1, max_size=4).map(sorted),
    basis=st.sampled_from(list(AgingBasis)),
    group_by=st.sampled_from([GroupBy.SEGMENT, GroupBy.REGION, GroupBy.INDUSTRY, GroupBy.GRADE]),
    customer_id=st.none() | st.sampled_from(CUSTOMERS),
    limit=st.integers(1, 3),
)
async def test_other_groupings_from_changes_equal_the_whole_statement_page_by_page(
    engine: AsyncEngine,
    book: Book,
    as_of: date,
    edges: list[int],
    basis: AgingBasis,
    group_by: GroupBy,
    customer_id: str | None,
    limit: int,
) -> None:
    buckets = buckets_for(edges)
    async with engine.connect() as conn:
        transaction = await conn.begin()
        session = AsyncSession(bind=conn)
        try:
            await _record(session, book)
            for customer, segments in SEGMENTS.items():
                await record_segments(session, customer, segments)
            for customer, industry in INDUSTRIES.items():
                await record_customer_attributes(session, customer, {"industry": industry})
            whole = await age_in_database(
                session, as_of, None, customer_id, buckets, basis, group_by
            )
            pages = await _paged(
                lambda after: age_in_database(
                    session, as_of, None, customer_id, buckets, basis, group_by, after, limit
                ),
                limit,
                whole,
            )
            from_facts = await age_in_one_statement(
                session, as_of, None, customer_id, edges, basis, group_by, None, None
            )
        finally:
            await session.close()
            await transaction.rollback()
    assert whole == from_facts
    assert pages == list(from_facts.rows)
