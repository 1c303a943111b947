"""A customer's credit grade or its collector changed: aging regroups it from now on."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.collections import CaseAssigned
from ledgerflow_events.contracts.credit import GradeChanged
from ledgerflow_events.inbox import ReceivedEvent
from reporting_svc.projections.facts.customer_groups import record_customer_attributes


async def on_grade_changed(session: AsyncSession, event: ReceivedEvent[GradeChanged]) -> None:
    data = event.data
    await record_customer_attributes(session, data.customer_id, {"grade": data.to_grade})


async def on_case_assigned(session: AsyncSession, event: ReceivedEvent[CaseAssigned]) -> None:
    data = event.data
    await record_customer_attributes(session, data.customer_id, {"collector": data.collector})
