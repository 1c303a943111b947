"""Payments, the allocation rows that apply them to invoices, and their reversals.

Payments arrive one at a time or a thousand at once; both are written by one statement of
unnested arrays in the caller's transaction: one round trip for one payment or a thousand.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.payments import (
    CreditApplicationDrawRow,
    PaymentAllocationRow,
    PaymentReversalRow,
    PaymentRow,
)
from ledger_svc.domain.adjustments.customer_credit import CreditSourceKind
from ledger_svc.domain.invoicing.invoice import InvoiceStatus
from ledger_svc.domain.payments.allocation import Allocation
from ledger_svc.domain.payments.cash_application import PaymentMethod
from ledger_svc.domain.payments.payment import Payment, PaymentReversal, ReversalReason
from ledgerflow_platform.database import driver_connection

# One statement: the payments, their allocation rows and the invoices they settled.
RECORD = f"""
WITH received AS (
    INSERT INTO {PaymentRow.__tablename__}
        (id, customer_id, currency, amount, received_on, reference, unapplied_amount, method,
         recorded_at)
    SELECT *, $18::timestamptz FROM unnest(
        $1::text[], $2::text[], $3::text[], $4::bigint[], $5::date[], $6::text[],
        $7::bigint[], $8::text[])
), allocated AS (
    INSERT INTO {PaymentAllocationRow.__tablename__}
        (payment_id, invoice_id, position, amount, open_amount_after, discount)
    SELECT * FROM unnest(
        $9::text[], $10::text[], $11::int[], $12::bigint[], $13::bigint[], $14::bigint[])
)
UPDATE invoices AS i SET open_amount = v.open_amount, status = v.status
FROM unnest($15::text[], $16::bigint[], $17::text[]) AS v(id, open_amount, status)
WHERE i.id = v.id
"""  # noqa: S608 - the tables' own names, no input


def _columns(rows: Sequence[Sequence[object]], width: int) -> list[list[object]]:
    """Rows turned into one list per column, as unnest takes them."""
    return [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


class PaymentRepository:
    """Where payments, their allocations and their reversals are kept."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_many(
        self, payments: Sequence[Payment], settled: Sequence[tuple[str, int, InvoiceStatus]]
    ) -> None:
        """Record payments with their allocations, and the invoices they settled as
        (invoice id, open amount, status)."""
        payment_rows = [
            (
                p.id,
                p.customer_id,
                p.currency,
                p.amount,
                p.received_on,
                p.reference,
                p.unapplied_amount,
                p.method.value,
            )
            for p in payments
        ]
        allocation_rows = [
            (p.id, a.invoice_id, n, a.amount, a.open_amount_after, a.discount)
            for p in payments
            for n, a in enumerate(p.allocations)
        ]
        invoice_rows = [(i, open_amount, status.value) for i, open_amount, status in settled]
        driver = await driver_connection(self._session)
        await driver.execute(
            RECORD,
            *_columns(payment_rows, 8),
            *_columns(allocation_rows, 6),
            *_columns(invoice_rows, 3),
            datetime.now(UTC),
        )

    async def get(self, payment_id: str, *, for_update: bool = False) -> Payment | None:
        query = (
            select(PaymentRow, PaymentReversalRow)
            .outerjoin(PaymentReversalRow, col(PaymentReversalRow.payment_id) == PaymentRow.id)
            .where(col(PaymentRow.id) == payment_id)
        )
        if for_update:
            query = query.with_for_update(of=PaymentRow)
        found = (await self._session.execute(query)).first()
        if found is None:
            return None
        row, reversal = found
        allocations = (
            await self._session.execute(
                select(PaymentAllocationRow)
                .where(col(PaymentAllocationRow.payment_id) == payment_id)
                .order_by(col(PaymentAllocationRow.position))
            )
        ).scalars()
        return Payment(
            id=row.id,
            customer_id=row.customer_id,
            currency=row.currency,
            amount=row.amount,
            received_on=row.received_on,
            reference=row.reference,
            allocations=tuple(
                Allocation(a.invoice_id, a.amount, a.open_amount_after, a.discount)
                for a in allocations
            ),
            unapplied_amount=row.unapplied_amount,
            method=PaymentMethod(row.method),
            reversal=None
            if reversal is None
            else PaymentReversal(
                reversal.reversed_on, ReversalReason(reversal.reason), reversal.note
            ),
        )

    async def record_reversal(self, payment: Payment) -> None:
        """Record the payment's reversal; the credit it held is gone with it."""
        reversal = payment.reversal
        assert reversal is not None, "only a reversed payment has a reversal to record"
        await self._session.execute(
            insert(PaymentReversalRow).values(
                payment_id=payment.id,
                reversed_on=reversal.reversed_on,
                reason=reversal.reason.value,
                note=reversal.note,
                recorded_at=datetime.now(UTC),
            )
        )
        await self._session.execute(
            update(PaymentRow)
            .where(col(PaymentRow.id) == payment.id)
            .values(unapplied_amount=payment.unapplied_amount)
        )

    async def credit_applied_from(self, payment_id: str) -> int:
        """How much of the payment's credit was applied to invoices since it was received."""
        query = select(func.coalesce(func.sum(col(CreditApplicationDrawRow.amount)), 0)).where(
            col(CreditApplicationDrawRow.source_kind) == CreditSourceKind.PAYMENT.value,
            col(CreditApplicationDrawRow.source_id) == payment_id,
        )
        return int((await self._session.execute(query)).scalar_one())
