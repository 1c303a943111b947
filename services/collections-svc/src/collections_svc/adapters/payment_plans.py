"""Payment plans as stored."""

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.dunning_tables import payment_plans
from collections_svc.domain.payment_plan import Instalment, PaymentPlan, PlanStatus

# Built once: every payment looks for its customer's plans on track, and building these
# statements again per event cost more CPU than sending them.
_new = insert(payment_plans)
_SAVE = _new.on_conflict_do_update(
    index_elements=[payment_plans.c.id],
    set_={column: _new.excluded[column] for column in ("status", "paid", "ended_on")},
)
_ON_TRACK = (
    select(payment_plans)
    .where(payment_plans.c.status == PlanStatus.ON_TRACK.value)
    .order_by(payment_plans.c.id)
    .with_for_update()
)
_ON_TRACK_OF_CUSTOMER = _ON_TRACK.where(payment_plans.c.customer_id == bindparam("customer_id"))


def _plan(row: Any) -> PaymentPlan:
    return PaymentPlan(
        id=row.id,
        case_id=row.case_id,
        customer_id=row.customer_id,
        currency=row.currency,
        invoice_ids=tuple(row.invoice_ids),
        instalments=tuple(
            Instalment(date.fromisoformat(i["due_on"]), int(i["amount"])) for i in row.instalments
        ),
        grace_days=row.grace_days,
        agreed_on=row.agreed_on,
        status=PlanStatus(row.status),
        paid=row.paid,
        ended_on=row.ended_on,
    )


class PaymentPlans:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(self, plan: PaymentPlan) -> None:
        await self._session.execute(
            _SAVE,
            {
                "id": plan.id,
                "case_id": plan.case_id,
                "customer_id": plan.customer_id,
                "currency": plan.currency,
                "invoice_ids": list(plan.invoice_ids),
                "instalments": [
                    {"due_on": i.due_on.isoformat(), "amount": i.amount} for i in plan.instalments
                ],
                "grace_days": plan.grace_days,
                "agreed_on": plan.agreed_on,
                "status": plan.status.value,
                "paid": plan.paid,
                "ended_on": plan.ended_on,
            },
        )

    async def get(self, plan_id: str) -> PaymentPlan | None:
        query = select(payment_plans).where(payment_plans.c.id == plan_id)
        row = (await self._session.execute(query)).first()
        return _plan(row) if row else None

    async def on_track(self, customer_id: str | None = None) -> list[PaymentPlan]:
        """Plans on track, locked: a payment and a run judging one wait for each other."""
        if customer_id is None:
            rows = await self._session.execute(_ON_TRACK)
        else:
            rows = await self._session.execute(_ON_TRACK_OF_CUSTOMER, {"customer_id": customer_id})
        return [_plan(row) for row in rows]

    async def customers_in_plan(self, customer_ids: Collection[str]) -> frozenset[str]:
        """Which of these customers have a plan on track (read only, nothing locked)."""
        query = select(payment_plans.c.customer_id).where(
            payment_plans.c.status == PlanStatus.ON_TRACK.value,
            payment_plans.c.customer_id.in_(customer_ids),
        )
        return frozenset(await self._session.scalars(query))
