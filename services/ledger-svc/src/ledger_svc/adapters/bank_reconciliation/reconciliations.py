"""Reconciliation runs, the payments and invoices they compare statement lines with, and the
payer account fingerprints registered for customers."""

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, delete, exists, func, insert, select
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.adjustments import RefundRow
from ledger_svc.adapters.tables.bank_reconciliation import (
    BankLineMatchRow,
    CustomerBankAccountRow,
    ReconciliationLineRow,
    ReconciliationRow,
)
from ledger_svc.adapters.tables.books import CustomerAccountRow
from ledger_svc.adapters.tables.invoicing import InvoiceRow
from ledger_svc.adapters.tables.payments import (
    PaymentAllocationRow,
    PaymentReversalRow,
    PaymentRow,
)
from ledger_svc.domain.bank_reconciliation.matching import KnownInvoice, RecordedMovement
from ledger_svc.domain.bank_reconciliation.reconciliation import (
    LineOutcome,
    Outcome,
    Reason,
    Reconciliation,
)


class ReconciliationRepository:
    """Where reconciliation runs are recorded, and what they read of the ledger."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def payments_received(
        self, currencies: Collection[str], first: date, last: date
    ) -> list[RecordedMovement]:
        received_on = col(PaymentRow.received_on)
        # A reversed payment (bounced, returned, in error) is no money a line can be.
        reversed_ = exists().where(col(PaymentReversalRow.payment_id) == PaymentRow.id)
        return await self._payments(
            and_(
                col(PaymentRow.currency).in_(currencies),
                received_on >= first,
                received_on <= last,
                ~reversed_,
            )
        )

    async def payments(self, payment_ids: Collection[str]) -> list[RecordedMovement]:
        return await self._payments(col(PaymentRow.id).in_(payment_ids))

    async def _payments(self, where: ColumnElement[bool]) -> list[RecordedMovement]:
        numbers = func.array_remove(func.array_agg(col(InvoiceRow.number)), None)
        query = (
            select(PaymentRow, numbers)
            .outerjoin(PaymentAllocationRow, col(PaymentAllocationRow.payment_id) == PaymentRow.id)
            .outerjoin(InvoiceRow, col(InvoiceRow.id) == PaymentAllocationRow.invoice_id)
            .where(where)
            .group_by(col(PaymentRow.id))
            .order_by(col(PaymentRow.id))
        )
        return [
            RecordedMovement(
                p.id, p.customer_id, p.currency, p.amount, p.received_on, p.reference, tuple(n)
            )
            for p, n in (await self._session.execute(query)).all()
        ]

    async def refunds_paid(
        self, currencies: Collection[str], first: date, last: date
    ) -> list[RecordedMovement]:
        paid_on = col(RefundRow.paid_on)
        return await self._refunds(
            and_(col(RefundRow.currency).in_(currencies), paid_on >= first, paid_on <= last)
        )

    async def refunds(self, refund_ids: Collection[str]) -> list[RecordedMovement]:
        return await self._refunds(col(RefundRow.id).in_(refund_ids))

    async def _refunds(self, where: ColumnElement[bool]) -> list[RecordedMovement]:
        query = select(RefundRow).where(col(RefundRow.status) == "paid", where)
        return [
            RecordedMovement(r.id, r.customer_id, r.currency, r.amount, r.paid_on, r.reference)
            for r in (await self._session.execute(query.order_by(col(RefundRow.id)))).scalars()
            if r.paid_on is not None
        ]

    async def reversed_among(self, payment_ids: Collection[str]) -> set[str]:
        query = select(col(PaymentReversalRow.payment_id)).where(
            col(PaymentReversalRow.payment_id).in_(payment_ids)
        )
        return set((await self._session.execute(query)).scalars())

    async def lines_matched_to(self, movement_ids: Collection[str]) -> dict[str, str]:
        """payment or refund id -> the statement line it was matched to."""
        movement = func.coalesce(col(BankLineMatchRow.payment_id), col(BankLineMatchRow.refund_id))
        query = select(movement, col(BankLineMatchRow.line_id)).where(movement.in_(movement_ids))
        return {m: line for m, line in (await self._session.execute(query)).all()}

    async def movements_matched_to(self, line_ids: Collection[str]) -> dict[str, str]:
        """statement line id -> the payment or refund it was matched to."""
        movement = func.coalesce(col(BankLineMatchRow.payment_id), col(BankLineMatchRow.refund_id))
        query = select(col(BankLineMatchRow.line_id), movement).where(
            col(BankLineMatchRow.line_id).in_(line_ids)
        )
        return {line: m for line, m in (await self._session.execute(query)).all()}

    async def invoices_numbered(self, tokens: Collection[str]) -> dict[str, KnownInvoice]:
        number = func.upper(col(InvoiceRow.number))
        query = select(InvoiceRow).where(number.in_(tokens))
        found = (await self._session.execute(query)).scalars()
        return {i.number.upper(): KnownInvoice(i.id, i.number, i.customer_id) for i in found}

    async def customers_paying_from(
        self, iban_hashes: Collection[str]
    ) -> dict[str, tuple[str, ...]]:
        query = (
            select(col(CustomerBankAccountRow.iban_hash), col(CustomerBankAccountRow.customer_id))
            .where(col(CustomerBankAccountRow.iban_hash).in_(iban_hashes))
            .order_by(col(CustomerBankAccountRow.customer_id))
        )
        found: dict[str, list[str]] = defaultdict(list)
        for iban_hash, customer_id in (await self._session.execute(query)).all():
            found[iban_hash].append(customer_id)
        return {k: tuple(v) for k, v in found.items()}

    async def account_currencies(self, customer_ids: Collection[str]) -> dict[str, str]:
        query = select(col(CustomerAccountRow.customer_id), col(CustomerAccountRow.currency))
        found = await self._session.execute(
            query.where(col(CustomerAccountRow.customer_id).in_(customer_ids))
        )
        return {customer_id: currency for customer_id, currency in found.all()}

    async def add(self, reconciliation: Reconciliation, matches: Sequence[LineOutcome]) -> None:
        """Record the run, every line's outcome, and the new line-payment matches it made."""
        await self._session.execute(
            insert(ReconciliationRow).values(
                id=reconciliation.id,
                statement_id=reconciliation.statement_id,
                date_window_days=reconciliation.date_window_days,
                create_payments=reconciliation.create_payments,
                reconciled_at=reconciliation.reconciled_at,
                reconciled_by=reconciliation.reconciled_by,
            )
        )
        if reconciliation.outcomes:
            await self._session.execute(
                insert(ReconciliationLineRow),
                [
                    {
                        "reconciliation_id": reconciliation.id,
                        "position": n,
                        "line_id": o.line_id,
                        "outcome": o.outcome.value,
                        "payment_id": o.payment_id,
                        "refund_id": o.refund_id,
                        "recorded_amount": o.recorded_amount,
                        "customer_id": o.customer_id,
                        "invoice_id": o.invoice_id,
                        "payment_reference": o.payment_reference,
                        "note": o.note,
                        "reason": o.reason.value if o.reason else None,
                    }
                    for n, o in enumerate(reconciliation.outcomes)
                ],
            )
        if matches:
            await self._session.execute(
                insert(BankLineMatchRow),
                [
                    {
                        "line_id": m.line_id,
                        "payment_id": m.payment_id,
                        "refund_id": m.refund_id,
                        "reconciliation_id": reconciliation.id,
                    }
                    for m in matches
                ],
            )

    async def latest_of(self, statement_id: str) -> Reconciliation | None:
        """The statement's latest reconciliation run (ids are time-ordered)."""
        query = (
            select(col(ReconciliationRow.id))
            .where(col(ReconciliationRow.statement_id) == statement_id)
            .order_by(col(ReconciliationRow.id).desc())
            .limit(1)
        )
        latest = (await self._session.execute(query)).scalar_one_or_none()
        return None if latest is None else await self.get(latest)

    async def matched_by_hand(self, line_ids: Collection[str]) -> set[str]:
        query = select(col(BankLineMatchRow.line_id)).where(
            col(BankLineMatchRow.line_id).in_(line_ids),
            col(BankLineMatchRow.matched_by).is_not(None),
        )
        return set((await self._session.execute(query)).scalars())

    async def get(self, reconciliation_id: str) -> Reconciliation | None:
        run = await self._session.get(ReconciliationRow, reconciliation_id)
        if run is None:
            return None
        lines = await self._session.execute(
            select(ReconciliationLineRow)
            .where(col(ReconciliationLineRow.reconciliation_id) == reconciliation_id)
            .order_by(col(ReconciliationLineRow.position))
        )
        outcomes = tuple(
            LineOutcome(
                x.line_id,
                Outcome(x.outcome),
                payment_id=x.payment_id,
                refund_id=x.refund_id,
                recorded_amount=x.recorded_amount,
                customer_id=x.customer_id,
                invoice_id=x.invoice_id,
                payment_reference=x.payment_reference,
                note=x.note,
                reason=Reason(x.reason) if x.reason else None,
            )
            for x in lines.scalars()
        )
        return Reconciliation(
            run.id,
            run.statement_id,
            run.date_window_days,
            run.create_payments,
            run.reconciled_at,
            run.reconciled_by,
            outcomes,
        )


class CustomerBankAccounts:
    """Which payer account fingerprints belong to which customer, as customer-svc says."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def register(
        self, customer_id: str, iban_hash: str, iban_masked: str, registered_at: datetime
    ) -> bool:
        """True if newly registered; registering the same account again changes nothing."""
        stmt = (
            upsert(CustomerBankAccountRow)
            .values(
                iban_hash=iban_hash,
                customer_id=customer_id,
                iban_masked=iban_masked,
                registered_at=registered_at,
            )
            .on_conflict_do_nothing()
            .returning(col(CustomerBankAccountRow.iban_hash))
        )
        return (await self._session.execute(stmt)).first() is not None

    async def remove(self, customer_id: str, iban_hash: str) -> bool:
        stmt = delete(CustomerBankAccountRow).where(
            col(CustomerBankAccountRow.customer_id) == customer_id,
            col(CustomerBankAccountRow.iban_hash) == iban_hash,
        )
        result = await self._session.execute(stmt)
        return bool(result.rowcount)  # type: ignore[attr-defined]
