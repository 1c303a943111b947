"""credit-svc's unit of work and repositories.

Every write is an upsert keyed by the business id, so applying a fact again leaves the
same state: the projection is idempotent by value, not only by event id.
"""

from collections.abc import Mapping
from datetime import date

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from credit_svc.adapters.assessments import Assessments, BehaviourFacts
from credit_svc.adapters.credit_inputs import CreditInputs
from credit_svc.adapters.holds import Holds
from credit_svc.adapters.limits import CreditLimits
from credit_svc.adapters.policies import CreditPolicies
from credit_svc.adapters.reservations import Overrides, Reservations
from credit_svc.adapters.standing import BILLED_BY, Standings
from credit_svc.adapters.tables import CreditAccountRow, ReceivableRow, messaging, outbox
from credit_svc.adapters.watch import Reviews, Warnings
from credit_svc.domain.exposure import CreditAccount, Receivable
from ledgerflow_events.contracts.base import EventData
from ledgerflow_platform.database import driver_connection
from ledgerflow_platform.unit_of_work import UnitOfWork


class CreditAccounts:
    """The customers credit control keeps accounts for."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_if_absent(self, account: CreditAccount) -> None:
        statement = insert(CreditAccountRow).values(
            customer_id=account.customer_id,
            currency=account.currency,
            terms_days=account.terms_days,
        )
        index = [col(CreditAccountRow.customer_id)]
        if account.terms_days is None:
            await self._session.execute(statement.on_conflict_do_nothing(index_elements=index))
            return
        # A registration after the ledger opened the account brings the terms; the currency
        # the ledger already counts in stays.
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=index, set_={"terms_days": statement.excluded.terms_days}
            )
        )

    async def get(self, customer_id: str) -> CreditAccount | None:
        row = await self._session.get(CreditAccountRow, customer_id)
        if row is None:
            return None
        return CreditAccount(
            row.customer_id, row.currency, row.terms_days, row.grade, row.next_review_on
        )

    async def name(self, customer_id: str, name: str) -> None:
        await self._session.execute(
            update(CreditAccountRow)
            .where(col(CreditAccountRow.customer_id) == customer_id)
            .values(name=name)
        )

    async def name_of(self, customer_id: str) -> str | None:
        row = await self._session.get(CreditAccountRow, customer_id)
        return None if row is None else row.name

    async def all_ids(self) -> list[str]:
        rows = await self._session.execute(
            select(col(CreditAccountRow.customer_id)).order_by(col(CreditAccountRow.customer_id))
        )
        return list(rows.scalars().all())

    async def due_for_review(self, as_of: date) -> list[str]:
        rows = await self._session.execute(
            select(col(CreditAccountRow.customer_id))
            .where(col(CreditAccountRow.next_review_on) <= as_of)
            .order_by(col(CreditAccountRow.customer_id))
        )
        return list(rows.scalars().all())

    async def set_grade(self, customer_id: str, grade: str, next_review_on: date) -> None:
        await self._session.execute(
            update(CreditAccountRow)
            .where(col(CreditAccountRow.customer_id) == customer_id)
            .values(grade=grade, next_review_on=next_review_on)
        )


# A fact restating open amounts (a payment, a credit note, a write-off, a reversal, applied
# credit): the customer's lock first, as the outbox takes it (Outbox.lock_stream: the upsert
# changes nothing but waits for any other holder), then the account opened if absent and
# each invoice's open amount set, as `Receivables.set_open_amount` sets one. The writes read
# the locked stream's row, so they cannot run before the lock is held; the account is opened
# whether or not the fact names any invoice.
_LOCK_AND_RESTATE_OPEN = f"""
WITH stream AS (
    INSERT INTO {messaging.event_streams.name} (subject, last_sequence) VALUES ($1, 0)
    ON CONFLICT (subject) DO UPDATE SET subject = excluded.subject
    RETURNING subject
), account AS (
    INSERT INTO credit_accounts (customer_id, currency) SELECT subject, $2 FROM stream
    ON CONFLICT (customer_id) DO NOTHING
)
INSERT INTO receivables AS r
    (invoice_id, customer_id, currency, open_amount, overdue, due_date, total, issue_date)
SELECT v.invoice_id, s.subject, $2, v.open_amount, false, NULL, NULL, NULL
FROM stream s CROSS JOIN unnest($3::text[], $4::bigint[]) AS v(invoice_id, open_amount)
ON CONFLICT (invoice_id) DO UPDATE SET
    open_amount = excluded.open_amount,
    paid_on = CASE WHEN excluded.open_amount > 0 THEN NULL ELSE r.paid_on END
"""  # noqa: S608 (the table's name is our own metadata's)


_BILLED_BY = BILLED_BY.format(customer="$1", order="$2")


class Receivables:
    """The invoices that make up customers' exposure."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_if_absent(self, customer_id: str, receivable: Receivable) -> None:
        # A fact that arrived earlier already knows better than the invoice's original total
        # what is open; the issue still tells the total and dates behaviour is measured on.
        statement = self._insert(customer_id, receivable)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[col(ReceivableRow.invoice_id)],
                set_={
                    "total": statement.excluded.total,
                    "issue_date": statement.excluded.issue_date,
                    "due_date": func.coalesce(
                        col(ReceivableRow.due_date), statement.excluded.due_date
                    ),
                    "order_reference": statement.excluded.order_reference,
                    "opening": statement.excluded.opening,
                },
            )
        )

    async def billing(self, customer_id: str, order_reference: str) -> str | None:
        """The invoice that billed the order, if it has arrived and was not voided."""
        driver = await driver_connection(self._session)
        found: str | None = await driver.fetchval(_BILLED_BY, customer_id, order_reference)
        return found

    async def mark_paid(self, customer_id: str, receivable: Receivable, paid_on: date) -> None:
        """Nothing is owed on it any more; the date it was settled measures lateness."""
        statement = self._insert(customer_id, receivable).values(paid_on=paid_on)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[col(ReceivableRow.invoice_id)],
                set_={"open_amount": 0, "paid_on": statement.excluded.paid_on},
            )
        )

    async def set_open_amount(self, customer_id: str, receivable: Receivable) -> None:
        statement = self._insert(customer_id, receivable)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[col(ReceivableRow.invoice_id)],
                set_={
                    "open_amount": statement.excluded.open_amount,
                    # Owed again (a reversed payment): it is no longer paid.
                    "paid_on": case(
                        (statement.excluded.open_amount > 0, None),
                        else_=col(ReceivableRow.paid_on),
                    ),
                },
            )
        )

    async def mark_overdue(self, customer_id: str, receivable: Receivable) -> None:
        statement = self._insert(customer_id, receivable)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[col(ReceivableRow.invoice_id)],
                # What is owed follows the ledger's later facts (payments, voids), which a
                # late or re-driven overdue notice must not undo: it only flags what is open.
                set_={
                    "overdue": col(ReceivableRow.open_amount) > 0,
                    "due_date": statement.excluded.due_date,
                },
            )
        )

    async def void(self, customer_id: str, receivable: Receivable) -> None:
        """Nothing is owed on a voided invoice; the row stays so a late issue cannot revive it."""
        statement = self._insert(customer_id, receivable).values(voided=True)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[col(ReceivableRow.invoice_id)],
                set_={"open_amount": 0, "overdue": False, "voided": True},
            )
        )

    async def open_of(self, customer_id: str) -> list[Receivable]:
        rows = await self._session.execute(
            select(ReceivableRow).where(
                col(ReceivableRow.customer_id) == customer_id, col(ReceivableRow.open_amount) > 0
            )
        )
        return [
            Receivable(r.invoice_id, r.currency, r.open_amount, r.overdue, r.due_date)
            for r in rows.scalars().all()
        ]

    @staticmethod
    def _insert(customer_id: str, receivable: Receivable) -> Insert:
        return insert(ReceivableRow).values(
            invoice_id=receivable.invoice_id,
            customer_id=customer_id,
            currency=receivable.currency,
            open_amount=receivable.open_amount,
            overdue=receivable.overdue,
            due_date=receivable.due_date,
            total=receivable.total,
            issue_date=receivable.issue_date,
            order_reference=receivable.order_reference,
            opening=receivable.opening,
        )


class CreditUnitOfWork(UnitOfWork):
    """One transaction over credit accounts, receivables, limits, holds, reservations and the
    facts credit tells."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, outbox)
        self.accounts = CreditAccounts(session)
        self.receivables = Receivables(session)
        self.limits = CreditLimits(session)
        self.holds = Holds(session)
        self.reservations = Reservations(session)
        self.overrides = Overrides(session)
        self.inputs = CreditInputs(session)
        self.policies = CreditPolicies(session)
        self.behaviour = BehaviourFacts(session)
        self.assessments = Assessments(session)
        self.warnings = Warnings(session)
        self.reviews = Reviews(session)
        self.standings = Standings(session)

    async def lock_and_restate_open(
        self, account: CreditAccount, open_after: Mapping[str, int]
    ) -> None:
        """`lock_customer`, then open the account if absent and set each invoice's open
        amount, in one statement sent straight to the driver: a payment's writes cost one
        round trip, and no statement built or result read through SQLAlchemy."""
        # As the session's own execute would (autoflush): the statement, and the standing
        # read after it, see whatever this transaction holds unflushed.
        session = self.session
        if session.new or session.deleted or len(session.identity_map):
            await session.flush()
        driver = await driver_connection(session)
        await driver.execute(
            _LOCK_AND_RESTATE_OPEN,
            account.customer_id,
            account.currency,
            list(open_after),
            list(open_after.values()),
        )

    async def emit(self, event: EventData) -> None:
        # One statement (the stream's next number, the outbox row, the relay's wake-up) where
        # appending one event took three round trips; numbered and published the same way.
        await outbox.append_many(self.session, [event])
