from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from ledgerflow_events.contracts.credit import GradeChanged
from ledgerflow_events.inbox import ReceivedEvent


async def on_grade_changed(session: AsyncSession, event: ReceivedEvent[GradeChanged]) -> None:
    # The latest grade ranks the customer's case on the worklist.
    data = event.data
    await CollectionsUnitOfWork(session).grades.record(data.customer_id, data.to_grade)
