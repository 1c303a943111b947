"""credit-svc's business gauge: how many customers are on credit hold, read from the holds when
Prometheus scrapes, for the Receivables dashboard."""

from datetime import date

from prometheus_client import Gauge
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from credit_svc.adapters.tables import CreditHoldRow

CUSTOMERS_ON_HOLD = Gauge(
    "ledgerflow_customers_on_hold",
    "Customers with at least one credit hold not yet released",
    multiprocess_mode="livemax",
)


async def count_customers_on_hold(session: AsyncSession, _today: date) -> None:
    held = select(func.count(func.distinct(col(CreditHoldRow.customer_id)))).where(
        col(CreditHoldRow.released_at).is_(None)
    )
    CUSTOMERS_ON_HOLD.set(await session.scalar(held) or 0)
