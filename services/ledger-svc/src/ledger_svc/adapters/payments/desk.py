"""Where single payments are written: concurrent ones in one transaction, by group commit.

Under load, one transaction per payment spends most of its time on round trips, locks and
commits rather than on the payment; concurrent payments instead share a transaction
(ledgerflow_platform.group_commit) and are recorded together, as a batch is. Each keeps its
own answer, its own idempotency key and its own refusal: what the client sees is exactly what
a transaction of its own would have given it. A quiet ledger writes each payment at once.

The desk owns the transaction of each group; what a group's payments come to is the use
case's to say (use_cases/payments/record_keyed_payments.py), handed in when the desk is built.
"""

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledgerflow_platform.group_commit import GroupCommit

Payment = TypeVar("Payment")
Outcome = TypeVar("Outcome")

# Two groups in flight: one is being decided in Python while the other waits on the database.
LANES = 2
MAX_GROUP = 200


class PaymentDesk(Generic[Payment, Outcome]):
    """Records single payments, concurrent ones together: `record` answers each payment of a
    group, in order, within the group's unit of work, which the desk then commits. Payments
    with the same `exclusive` mark (their idempotency key) never share a group."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        record: Callable[[LedgerUnitOfWork, Sequence[Payment]], Awaitable[Sequence[Outcome]]],
        *,
        exclusive: Callable[[Payment], Hashable | None],
    ) -> None:
        self._sessions = sessions
        self._record = record
        self._groups: GroupCommit[Payment, Outcome] = GroupCommit(
            self._write, lanes=LANES, max_group=MAX_GROUP, exclusive=exclusive
        )

    async def record(self, payment: Payment) -> Outcome:
        """The payment's outcome, once the group it was written in has committed."""
        return await self._groups.submit(payment)

    async def _write(self, payments: Sequence[Payment]) -> Sequence[Outcome]:
        async with self._sessions() as session:
            uow = LedgerUnitOfWork(session)
            outcomes = await self._record(uow, payments)
            await uow.commit()
        return outcomes
