"""Late-fee policies, the invoices a run may charge, and the fees charged."""

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, Select, exists, insert, select
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.invoicing.invoice_rows import load_invoices
from ledger_svc.adapters.tables.adjustments import LateFeePolicyRow, LateFeeRow
from ledger_svc.adapters.tables.invoicing import InvoiceRow
from ledger_svc.domain.adjustments.late_fee import LateFee, LateFeeKind, LateFeePolicy
from ledger_svc.domain.invoicing.invoice import Invoice

_Fee = LateFeeRow


def _chargeable(as_of: date, period: str) -> tuple[ColumnElement[bool], ...]:
    """Open, overdue past the policy's grace, not a fee invoice, not yet charged this period."""
    invoice_id = col(InvoiceRow.id)
    return (
        col(InvoiceRow.open_amount) > 0,
        col(InvoiceRow.voided_on).is_(None),
        col(InvoiceRow.due_date) + col(LateFeePolicyRow.grace_days) < as_of,
        ~exists().where(col(_Fee.fee_invoice_id) == invoice_id),
        ~exists().where(col(_Fee.invoice_id) == invoice_id, col(_Fee.period) == period),
    )


def _policy(row: LateFeePolicyRow) -> LateFeePolicy:
    return LateFeePolicy(
        row.currency, LateFeeKind(row.kind), row.fixed_amount, row.percent_per_month, row.grace_days
    )


class LateFeeRepository:
    """Where late-fee policies are set and the fees of each period recorded."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def set_policy(self, policy: LateFeePolicy, *, set_by: str) -> None:
        values = {
            "kind": policy.kind.value,
            "fixed_amount": policy.fixed_amount,
            "percent_per_month": policy.percent_per_month,
            "grace_days": policy.grace_days,
            "updated_by": set_by,
            "updated_at": datetime.now(UTC),
        }
        stmt = upsert(LateFeePolicyRow).values(currency=policy.currency, **values)
        await self._session.execute(
            stmt.on_conflict_do_update(index_elements=["currency"], set_=values)
        )

    async def policy(self, currency: str) -> LateFeePolicy | None:
        row = await self._session.get(LateFeePolicyRow, currency)
        return None if row is None else _policy(row)

    async def policies(self) -> list[LateFeePolicy]:
        query = select(LateFeePolicyRow).order_by(col(LateFeePolicyRow.currency))
        return [_policy(row) for row in (await self._session.execute(query)).scalars()]

    async def customers_to_charge(self, as_of: date, period: str) -> list[str]:
        customer_id = col(InvoiceRow.customer_id)
        query = (
            select(customer_id)
            .join(LateFeePolicyRow, col(LateFeePolicyRow.currency) == col(InvoiceRow.currency))
            .where(*_chargeable(as_of, period))
            .distinct()
        )
        return list((await self._session.execute(query.order_by(customer_id))).scalars())

    async def invoices_to_charge(
        self, customer_ids: Sequence[str], as_of: date, period: str
    ) -> list[Invoice]:
        query = (
            select(InvoiceRow)
            .join(LateFeePolicyRow, col(LateFeePolicyRow.currency) == col(InvoiceRow.currency))
            .where(col(InvoiceRow.customer_id).in_(customer_ids), *_chargeable(as_of, period))
            .order_by(col(InvoiceRow.customer_id), col(InvoiceRow.due_date), col(InvoiceRow.id))
        )
        return await load_invoices(self._session, query)

    async def is_fee_invoice(self, invoice_id: str) -> bool:
        query = select(col(_Fee.id)).where(col(_Fee.fee_invoice_id) == invoice_id)
        return (await self._session.execute(query)).first() is not None

    async def add(self, fee: LateFee) -> None:
        await self._session.execute(
            insert(LateFeeRow).values(
                id=fee.id,
                invoice_id=fee.invoice_id,
                fee_invoice_id=fee.fee_invoice.id,
                customer_id=fee.customer_id,
                currency=fee.currency,
                period=fee.period,
                as_of=fee.as_of,
                base_amount=fee.base_amount,
                amount=fee.amount,
                charged_at=datetime.now(UTC),
            )
        )

    async def page(
        self, *, customer_id: str | None, invoice_id: str | None, after: str | None, limit: int
    ) -> list[LateFee]:
        query: Select[LateFeeRow] = select(LateFeeRow).order_by(col(_Fee.id)).limit(limit)
        if customer_id is not None:
            query = query.where(col(_Fee.customer_id) == customer_id)
        if invoice_id is not None:
            query = query.where(col(_Fee.invoice_id) == invoice_id)
        if after is not None:
            query = query.where(col(_Fee.id) > after)
        rows = list((await self._session.execute(query)).scalars())
        fee_ids = [r.fee_invoice_id for r in rows]
        invoices = {
            i.id: i
            for i in await load_invoices(
                self._session, select(InvoiceRow).where(col(InvoiceRow.id).in_(fee_ids))
            )
        }
        return [
            LateFee(
                r.id,
                r.invoice_id,
                r.customer_id,
                r.currency,
                r.period,
                r.as_of,
                r.base_amount,
                r.amount,
                invoices[r.fee_invoice_id],
            )
            for r in rows
        ]
