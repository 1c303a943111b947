"""Where single payments (POST /v1/payments) are written: in groups, by group commit.

Under load, one transaction per payment spends most of its time on round trips, locks and
commits rather than on the payment; concurrent payments instead share a transaction
(ledgerflow_platform.group_commit) and are recorded together, as a batch is. Each keeps its
own answer, its own idempotency key and its own refusal: what the client sees is exactly what
a transaction of its own would have given it. A quiet ledger writes each payment at once.
"""

from collections.abc import Sequence
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ledger_svc.api.payment_recording import KeyedPayment, Outcome, record_keyed
from ledgerflow_platform.group_commit import GroupCommit

# Two groups in flight: one is being decided in Python while the other waits on the database.
LANES = 2
MAX_GROUP = 200


class PaymentDesk:
    """Records single payments, concurrent ones together."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        # Two requests with one key never share a group: the later replays the earlier.
        self._groups: GroupCommit[KeyedPayment, Outcome] = GroupCommit(
            self._write, lanes=LANES, max_group=MAX_GROUP, exclusive=lambda p: p.key
        )

    async def record(self, payment: KeyedPayment) -> Outcome:
        return await self._groups.submit(payment)

    async def _write(self, payments: Sequence[KeyedPayment]) -> list[Outcome]:
        async with self._sessions() as session:
            outcomes = await record_keyed(session, payments)
            await session.commit()
        return outcomes


async def payment_desk(request: Request) -> PaymentDesk:
    """The app's one desk, opened on first use."""
    state = request.app.state
    desk: PaymentDesk | None = getattr(state, "payment_desk", None)
    if desk is None:
        desk = state.payment_desk = PaymentDesk(state.sessions)
    return desk


Desk = Annotated[PaymentDesk, Depends(payment_desk)]
