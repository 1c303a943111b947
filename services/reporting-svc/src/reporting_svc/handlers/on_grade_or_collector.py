"""A customer's credit grade or its collector changed: aging regroups it from now on, and
reports at a date show the grade in force then."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.collections import CaseAssigned
from ledgerflow_events.contracts.credit import GradeChanged
from ledgerflow_events.inbox import ReceivedEvent
from reporting_svc.projections.facts.credit_records import record_grade_change
from reporting_svc.projections.facts.customer_groups import record_customer_attributes


async def on_grade_changed(session: AsyncSession, event: ReceivedEvent[GradeChanged]) -> None:
    data = event.data
    await record_customer_attributes(session, data.customer_id, {"grade": data.to_grade})
    await record_grade_change(
        session,
        data.assessment_id,
        data.customer_id,
        data.to_grade,
        data.assessed_on,
        event.envelope.time,
    )


async def on_case_assigned(session: AsyncSession, event: ReceivedEvent[CaseAssigned]) -> None:
    data = event.data
    await record_customer_attributes(session, data.customer_id, {"collector": data.collector})
