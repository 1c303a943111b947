"""Recording collections' promises to pay and payment plans, once each; a closing that
arrives before its opening is kept, and the opening fills in the rest."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables_forecast import PaymentPlanRow, PromiseRow


@dataclass(frozen=True)
class Promise:
    promise_id: str
    customer_id: str
    currency: str
    amount: int
    made_on: date
    promised_on: date
    invoice_ids: tuple[str, ...]


async def record_promise(
    session: AsyncSession,
    promise: Promise,
    *,
    closed_on: date | None = None,
    recorded_at: datetime | None = None,
) -> None:
    statement = insert(PromiseRow).values(
        promise_id=promise.promise_id, customer_id=promise.customer_id,
        currency=promise.currency, amount_minor=promise.amount, made_on=promise.made_on,
        promised_on=promise.promised_on, invoice_ids=list(promise.invoice_ids),
        closed_on=closed_on, recorded_at=recorded_at,
    )  # fmt: skip
    row = PromiseRow
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[col(row.promise_id)],
            set_={"closed_on": func.coalesce(col(row.closed_on), statement.excluded.closed_on)},
        )
    )


async def record_plan(
    session: AsyncSession,
    plan_id: str,
    customer_id: str,
    currency: str,
    agreed_on: date,
    invoice_ids: Sequence[str],
    instalments: Sequence[tuple[date, int]],
    recorded_at: datetime | None,
) -> None:
    statement = insert(PaymentPlanRow).values(
        plan_id=plan_id, customer_id=customer_id, currency=currency, agreed_on=agreed_on,
        invoice_ids=list(invoice_ids),
        instalments=[[due.isoformat(), amount] for due, amount in instalments],
        recorded_at=recorded_at,
    )  # fmt: skip
    terms = ("currency", "agreed_on", "invoice_ids", "instalments", "recorded_at")
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[col(PaymentPlanRow.plan_id)],
            set_={name: statement.excluded[name] for name in terms},
        )
    )


async def record_plan_ended(
    session: AsyncSession, plan_id: str, customer_id: str, ended_on: date
) -> None:
    statement = insert(PaymentPlanRow).values(
        plan_id=plan_id, customer_id=customer_id, currency="", agreed_on=ended_on,
        invoice_ids=[], instalments=[], ended_on=ended_on,
    )  # fmt: skip
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[col(PaymentPlanRow.plan_id)],
            set_={"ended_on": func.coalesce(col(PaymentPlanRow.ended_on), ended_on)},
        )
    )
