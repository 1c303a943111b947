"""Standard, best possible and countback DSO and CEI equal an independent oracle to the
hundredth on generated histories: instalment invoices, partial payments, credit notes on
account and against invoices, write-offs, reversals, voids and late fees, at dates before,
between and after the facts."""

from collections.abc import AsyncIterator
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from reporting_svc.api.kpi_parameters import DsoMethod, SalesBasis
from reporting_svc.api.kpis import get_cei, get_dso
from reporting_svc.projections.facts.sales_records import (
    record_credit_note,
    record_late_fee_invoice,
)

from .receivables_oracle import Invoice, owed_at, pieces
from .test_aging_matches_oracle import Book, _record, books, days

Note = tuple[str, int, date]  # customer, amount, issue date


@pytest.fixture(scope="module")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url, pool_size=1)
    yield engine
    await engine.dispose()


def cents(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01"), ROUND_HALF_UP))


def month_before(d: date, k: int) -> date:
    """Written again from the definition: keep the day, clamp; month ends go to month ends."""
    y, m = divmod(d.year * 12 + d.month - 1 - k, 12)
    nxt = date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1)
    last = (nxt - timedelta(days=1)).day
    is_end = (d + timedelta(days=1)).day == 1
    return date(y, m + 1, last if is_end else min(d.day, last))


class Oracle:
    def __init__(self, book: Book, fees: set[str], notes: list[Note], customer: str) -> None:
        invoices, self.settlements, _, _ = book
        self.invoices = [i for i in invoices if i.customer == customer and i.currency == "EUR"]
        self.fees, self.notes, self.customer = fees, notes, customer

    def owed(self, d: date) -> tuple[int, int]:
        total = current = 0
        for inv in self.invoices:
            left = owed_at(inv, self.settlements, d, None)
            total += left
            current += (
                sum(a for since, a in pieces(inv, left, "due_date") if since >= d) if left else 0
            )
        return total, current

    def sales(self, after: date, through: date) -> int:
        def counts(inv: Invoice) -> bool:
            voided = inv.void is not None and inv.void[0] <= through
            return after < inv.issue <= through and inv.invoice_id not in self.fees and not voided

        made = sum(i.total for i in self.invoices if counts(i))
        return made - sum(
            a for c, a, d in self.notes if c == self.customer and after < d <= through
        )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    book=books(),
    fee_flags=st.lists(st.booleans(), min_size=6, max_size=6),
    notes=st.lists(
        st.tuples(st.sampled_from(["c1", "c2"]), st.integers(1, 10**8), days), max_size=3
    ),
    as_of=days,
    months=st.integers(1, 4),
    window=st.tuples(days, days).map(sorted),
)
async def test_dso_and_cei_equal_the_oracle(
    engine: AsyncEngine,
    book: Book,
    fee_flags: list[bool],
    notes: list[Note],
    as_of: date,
    months: int,
    window: list[date],
) -> None:
    fees = {i.invoice_id for i, fee in zip(book[0], fee_flags, strict=False) if fee}
    customer = "c1"
    async with engine.connect() as conn:
        transaction = await conn.begin()
        session = AsyncSession(bind=conn)
        try:
            await _record(session, book)
            for n, (c, amount, day) in enumerate(notes):
                await record_credit_note(session, f"on-account-{n}", c, "EUR", amount, day)
            for s in book[1]:
                if s.kind == "credit_note":
                    inv = next(i for i in book[0] if i.invoice_id == s.invoice_id)
                    await record_credit_note(session, s.source + s.invoice_id, inv.customer,
                                             inv.currency, s.amount, s.on)  # fmt: skip
            for fee in fees:
                await record_late_fee_invoice(session, fee)
            who: Any = None
            found: dict[str, Any] = {}
            for method in DsoMethod:
                body = await get_dso(as_of, session, who, months, method, None, customer)
                found[method] = [r for r in body["rows"] if r["currency"] == "EUR"]
            first, last = window
            found["cei"] = [r for r in (await get_cei(first, last, session, who, SalesBasis.TOTAL,
                            None, customer))["rows"] if r["currency"] == "EUR"]  # fmt: skip
        finally:
            await session.close()
            await transaction.rollback()

    # The credit notes against invoices are credit sales' deductions too.
    all_notes = notes + [
        (next(i.customer for i in book[0] if i.invoice_id == s.invoice_id), s.amount, s.on)
        for s in book[1]
        if s.kind == "credit_note"
        and next(i.currency for i in book[0] if i.invoice_id == s.invoice_id) == "EUR"
    ]
    oracle = Oracle(book, fees, all_notes, customer)
    owed, current = oracle.owed(as_of)
    ends = [month_before(as_of, k) for k in range(25)]
    sales = oracle.sales(ends[months], as_of)
    days_in = (as_of - ends[months]).days

    def figure(rows: list[dict[str, Any]], name: str) -> str | None:
        return rows[0][name] if rows else "no row"

    # A row stands for a currency with receivables or sales in any window the method reads.
    monthly = [oracle.sales(ends[k + 1], ends[k]) for k in range(24)]
    if owed or current or any(monthly[:months]) or sales:
        std = None if sales == 0 else Decimal(owed) / sales * days_in
        best = None if sales == 0 else Decimal(current) / sales * days_in
        assert figure(found[DsoMethod.STANDARD], "dso_days") == cents(std)
        assert figure(found[DsoMethod.BEST_POSSIBLE], "best_possible_dso_days") == cents(best)
    else:
        assert found[DsoMethod.STANDARD] == found[DsoMethod.BEST_POSSIBLE] == []
    if owed or current or any(monthly):
        r, total, k = Decimal(owed), Decimal(0), 0
        while r > 0 and k < 24:
            s, d = monthly[k], (ends[k] - ends[k + 1]).days
            k += 1
            if r >= s:
                total, r = total + d, r - s
            else:
                total, r = total + r / s * d, Decimal(0)
        assert figure(found[DsoMethod.COUNTBACK], "dso_days") == cents(total)
    else:
        assert found[DsoMethod.COUNTBACK] == []

    first, last = window
    opening, _ = oracle.owed(first - timedelta(days=1))
    closing, closing_current = oracle.owed(last)
    s = oracle.sales(first - timedelta(days=1), last)
    if opening or closing or closing_current or s:
        den = opening + s - closing_current
        expected = None if den == 0 else Decimal(opening + s - closing) / den * 100
        assert figure(found["cei"], "cei_percent") == cents(expected)
    else:
        assert found["cei"] == []
