"""The SQL aging report agrees with the pure reference rules on any book of receivables.

Books include voids, some applied before the invoice they void, payments the ledger would
refuse (overpaid or on voided invoices), and every kind of adjustment (credit notes,
write-offs, applied credit, discounts, reversals owing money again), some replayed: the two
must agree on whatever the tables hold.
"""

from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from reporting_svc.projections.adjustment_records import record_adjustments
from reporting_svc.projections.adjustments import AdjustmentKind, InvoiceAdjustment
from reporting_svc.projections.aging import (
    AppliedPayment,
    IssuedInvoice,
    VoidedInvoice,
    age_receivables,
)
from reporting_svc.projections.aging_report import aging_report
from reporting_svc.projections.receivables import record_invoice, record_payment, record_void

START = date(2026, 1, 1)
CUSTOMERS = ["c1", "c2", "C3"]  # mixed case: the report must sort ids the same way Python does

days = st.integers(-20, 420).map(lambda n: START + timedelta(days=n))
CURRENCIES = ["EUR", "JPY", "USD"]
# A void, and whether it is applied before the invoices (their InvoiceIssued re-driven late).
Void = tuple[VoidedInvoice, bool]
Book = tuple[list[IssuedInvoice], list[AppliedPayment], list[Void], list[InvoiceAdjustment]]


@st.composite
def voids_of(draw: st.DrawFn, invoices: list[IssuedInvoice]) -> list[Void]:
    """Voids of some invoices, a few voided twice, and of invoices never issued at all."""
    voided = [
        VoidedInvoice(i.invoice_id, i.customer_id, i.currency, i.total, draw(days))
        for i in invoices
        for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2])))
    ]
    voided += [
        VoidedInvoice(
            f"v{n}",
            draw(st.sampled_from(CUSTOMERS)),
            draw(st.sampled_from(CURRENCIES)),
            draw(st.integers(1, 10**12)),
            draw(days),
        )
        for n in range(draw(st.integers(0, 2)))
    ]
    return [(void, draw(st.booleans())) for void in voided]


@st.composite
def adjustments_of(draw: st.DrawFn, invoices: list[IssuedInvoice]) -> list[InvoiceAdjustment]:
    """Adjustments of every kind; a reversal owes money again, so its reduction is negative."""
    adjustments = []
    for invoice in invoices:
        for n in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(list(AdjustmentKind)))
            amount = draw(st.integers(1, invoice.total))
            reduction = -amount if kind is AdjustmentKind.REVERSAL else amount
            adjustments.append(
                InvoiceAdjustment(kind, f"s{n}", invoice.invoice_id, reduction, draw(days))
            )
    return adjustments


@st.composite
def books(draw: st.DrawFn) -> Book:
    invoices = []
    for n in range(draw(st.integers(0, 8))):
        issue = draw(days)
        invoices.append(
            IssuedInvoice(
                invoice_id=f"i{n}",
                customer_id=draw(st.sampled_from(CUSTOMERS)),
                currency=draw(st.sampled_from(CURRENCIES)),
                total=draw(st.integers(1, 10**12)),
                issue_date=issue,
                due_date=issue + timedelta(days=draw(st.integers(0, 150))),
            )
        )
    # Parts may add up to more than the invoice: the report must still agree with the rules.
    payments = [
        AppliedPayment(invoice.invoice_id, draw(st.integers(1, invoice.total)), draw(days))
        for invoice in invoices
        for _ in range(draw(st.integers(0, 3)))
    ]
    return invoices, payments, draw(voids_of(invoices)), draw(adjustments_of(invoices))


@pytest.fixture(scope="module")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url, pool_size=1)
    yield engine
    await engine.dispose()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    book=books(),
    as_of=days,
    customer_id=st.none() | st.sampled_from([*CUSTOMERS, "nobody"]),
)
async def test_the_sql_report_equals_the_reference_rules(
    engine: AsyncEngine, book: Book, as_of: date, customer_id: str | None
) -> None:
    invoices, payments, voids, adjustments = book
    customer_of = {i.invoice_id: i.customer_id for i in invoices}
    async with engine.connect() as conn:
        transaction = await conn.begin()
        session = AsyncSession(bind=conn)
        try:
            for void in [v for v, before_issue in voids if before_issue]:
                await record_void(session, void, f"INV-{void.invoice_id}")
            for invoice in invoices:
                await record_invoice(session, invoice, f"INV-{invoice.invoice_id}")
            for void in [v for v, before_issue in voids if not before_issue]:
                await record_void(session, void, f"INV-{void.invoice_id}")
            for n, payment in enumerate(payments):
                customer = next(
                    i.customer_id for i in invoices if i.invoice_id == payment.invoice_id
                )
                await record_payment(session, customer, f"p{n}", [payment])
            for adjustment in adjustments:
                # Recorded twice, as a redelivered fact would be: it still counts once.
                for _ in range(2):
                    customer = customer_of[adjustment.invoice_id]
                    await record_adjustments(session, customer, [adjustment])

            report = await aging_report(session, as_of, customer_id)
        finally:
            await session.close()
            await transaction.rollback()

    voided = [void for void, _ in voids]
    expected = age_receivables(
        invoices, payments, as_of, customer_id, voids=voided, adjustments=adjustments
    )
    assert report == expected
