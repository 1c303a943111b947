"""Promises to pay as stored."""

from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.dunning_tables import promises
from collections_svc.domain.promise import Promise, PromiseStatus

# Built once: every payment looks for its customer's open promises, and building these
# statements again per event cost more CPU than sending them.
_new = insert(promises)
_SAVE = _new.on_conflict_do_update(
    index_elements=[promises.c.id],
    set_={column: _new.excluded[column] for column in ("status", "paid", "kept_on", "broken_on")},
)
_OPEN = (
    select(promises)
    .where(promises.c.status == PromiseStatus.OPEN.value)
    .order_by(promises.c.id)
    .with_for_update()
)
_OPEN_OF_CUSTOMER = _OPEN.where(promises.c.customer_id == bindparam("customer_id"))


def _promise(row: Any) -> Promise:
    return Promise(
        id=row.id,
        case_id=row.case_id,
        customer_id=row.customer_id,
        currency=row.currency,
        amount=row.amount,
        made_on=row.made_on,
        promised_on=row.promised_on,
        grace_days=row.grace_days,
        invoice_ids=tuple(row.invoice_ids),
        status=PromiseStatus(row.status),
        paid=row.paid,
        kept_on=row.kept_on,
        broken_on=row.broken_on,
    )


class Promises:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(self, promise: Promise) -> None:
        await self._session.execute(
            _SAVE,
            {
                "id": promise.id,
                "case_id": promise.case_id,
                "customer_id": promise.customer_id,
                "currency": promise.currency,
                "amount": promise.amount,
                "made_on": promise.made_on,
                "promised_on": promise.promised_on,
                "grace_days": promise.grace_days,
                "invoice_ids": list(promise.invoice_ids),
                "status": promise.status.value,
                "paid": promise.paid,
                "kept_on": promise.kept_on,
                "broken_on": promise.broken_on,
            },
        )

    async def get(self, promise_id: str) -> Promise | None:
        row = (
            await self._session.execute(select(promises).where(promises.c.id == promise_id))
        ).first()
        return _promise(row) if row else None

    async def open_ones(self, customer_id: str | None = None) -> list[Promise]:
        """Open promises, locked: a payment and a run judging one wait for each other."""
        if customer_id is None:
            rows = await self._session.execute(_OPEN)
        else:
            rows = await self._session.execute(_OPEN_OF_CUSTOMER, {"customer_id": customer_id})
        return [_promise(row) for row in rows]
