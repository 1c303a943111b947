"""Loading what a cash-in forecast made at a date starts from, as known then, and the cash
actually collected over a period."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import AllocationRow, InvoiceRow
from reporting_svc.adapters.tables_forecast import PaymentPlanRow, PromiseRow
from reporting_svc.projections.aging.open_items import AgingBasis, aged_amounts
from reporting_svc.projections.aging.query import load_open_invoices
from reporting_svc.projections.facts.known_at import known_by
from reporting_svc.projections.forecast.cash_in import OpenItem, Part, Plan, PromiseToPay
from reporting_svc.projections.kpis.months import months_back
from reporting_svc.projections.payment_behaviour.analysis import payment_behaviour
from reporting_svc.projections.payment_behaviour.query import load_settled_invoices


async def open_items(
    session: AsyncSession, made_on: date, known_at: datetime | None
) -> list[OpenItem]:
    invoices = await load_open_invoices(session, made_on, known_at, None)
    return [
        OpenItem(
            i.invoice_id,
            i.customer_id,
            i.currency,
            tuple(Part(p.since, p.amount) for p in aged_amounts(i, AgingBasis.DUE_DATE)),
            i.disputed,
        )
        for i in invoices
    ]


async def promises_open(
    session: AsyncSession, made_on: date, known_at: datetime | None
) -> list[PromiseToPay]:
    p = PromiseRow
    query = select(p).where(
        col(p.made_on) <= made_on,
        or_(col(p.closed_on).is_(None), col(p.closed_on) > made_on),
        known_by(col(p.recorded_at), known_at),
    )
    return [
        PromiseToPay(r.customer_id, r.currency, r.amount_minor, r.promised_on, tuple(r.invoice_ids))
        for r in (await session.execute(query)).scalars()
    ]


async def plans_running(
    session: AsyncSession, made_on: date, known_at: datetime | None
) -> list[Plan]:
    p = PaymentPlanRow
    query = select(p).where(
        col(p.currency) != "",
        col(p.agreed_on) <= made_on,
        or_(col(p.ended_on).is_(None), col(p.ended_on) > made_on),
        known_by(col(p.recorded_at), known_at),
    )
    return [
        Plan(
            r.customer_id,
            r.currency,
            tuple(r.invoice_ids),
            tuple((date.fromisoformat(d), int(a)) for d, a in r.instalments),
        )
        for r in (await session.execute(query)).scalars()
    ]


async def days_beyond_terms(session: AsyncSession, made_on: date) -> dict[tuple[str, str], Decimal]:
    """Each customer's amount-weighted average days beyond terms over the 12 months to made_on."""
    after = months_back(made_on, 12)[-1].after
    settled = await load_settled_invoices(session, made_on, None)
    found = payment_behaviour(settled, after + timedelta(days=1), made_on, None)
    return {(str(g), c): b.average_days_late for (g, c), b in found.items()}


async def collected(
    session: AsyncSession, first: date, last: date
) -> list[tuple[str, str, date, int]]:
    """(customer, currency, day, amount) of cash applied to invoices, received in [first, last]."""
    a, i = AllocationRow, InvoiceRow
    query = (
        select(
            col(a.customer_id),
            col(i.currency),
            col(a.received_on),
            cast(func.sum(col(a.amount_minor)), BigInteger),
        )
        .join(i, col(i.id) == col(a.invoice_id))
        .where(col(a.received_on) >= first, col(a.received_on) <= last, ~col(a.opening))
        .group_by(col(a.customer_id), col(i.currency), col(a.received_on))
    )
    return [(c, cur, d, int(amount)) for c, cur, d, amount in await session.execute(query)]
