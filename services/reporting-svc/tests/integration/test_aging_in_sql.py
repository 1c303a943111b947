"""The aging computed in one SQL statement (bucketing, grouping, paging and totals in Postgres)
equals the plain-Python computation over the same open invoices, to the cent, on generated books
of instalment invoices, partial payments, credit notes, write-offs, reversals, voids, disputes
and backdated facts; and its pages, walked cursor by cursor, are exactly the whole report."""

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from reporting_svc.projections.aging.buckets import buckets_for
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.query import load_groups, load_open_invoices
from reporting_svc.projections.aging.report_query import age_in_database
from reporting_svc.projections.aging.rows import AgingResult, AgingRow, GroupBy, age_invoices
from reporting_svc.projections.facts.customer_groups import record_segments

from .test_aging_matches_oracle import CUSTOMERS, Book, _record, books, days, engine, times

__all__ = ["engine"]  # the module's database engine, shared with the oracle test

# c1 counts in two segments, c2 in one, C3 in none (its row is the null group).
SEGMENTS = {"c1": ["retail", "Übersee"], "c2": ["retail"]}


async def _both_ways(
    session: AsyncSession,
    as_of: date,
    known_at: datetime | None,
    edges: list[int],
    basis: AgingBasis,
    group_by: GroupBy,
    customer_id: str | None,
    limit: int,
) -> tuple[AgingResult, AgingResult, list[AgingRow]]:
    spans = buckets_for(edges)
    found = await load_open_invoices(session, as_of, known_at, customer_id)
    groups = await load_groups(session, group_by, [i.customer_id for i in found], as_of)
    in_python = age_invoices(found, as_of, spans, basis, groups)
    in_sql = await age_in_database(session, as_of, known_at, customer_id, spans, basis, group_by)
    # Walk the pages: each starts after the last row of the one before.
    paged: list[AgingRow] = []
    after = None
    for _ in range(len(in_python.rows) + 1):
        page = await age_in_database(
            session, as_of, known_at, customer_id, spans, basis, group_by, after, limit
        )
        assert page.totals == in_python.totals
        paged.extend(page.rows)
        if len(page.rows) < limit:
            break
        after = (page.rows[-1].group, page.rows[-1].currency)
    return in_python, in_sql, paged


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    book=books(),
    as_of=days,
    known_at=st.none() | times,
    edges=st.sets(st.integers(1, 150), min_size=1, max_size=4).map(sorted),
    basis=st.sampled_from(list(AgingBasis)),
    group_by=st.sampled_from(list(GroupBy)),
    customer_id=st.none() | st.sampled_from(CUSTOMERS),
    limit=st.integers(1, 3),
)
async def test_the_sql_aging_equals_the_python_aging_page_by_page(
    engine: AsyncEngine,
    book: Book,
    as_of: date,
    known_at: datetime | None,
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
            for customer, segments in SEGMENTS.items():
                await record_segments(session, customer, segments)
            in_python, in_sql, paged = await _both_ways(
                session, as_of, known_at, edges, basis, group_by, customer_id, limit
            )
        finally:
            await session.close()
            await transaction.rollback()
    assert in_sql == in_python
    assert paged == list(in_python.rows)
