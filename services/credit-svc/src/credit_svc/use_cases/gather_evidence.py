"""What credit control knows of a customer as of a date, read in one place for assessments,
simulations, warnings and the credit report."""

from datetime import date

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.assessment_inputs import Evidence
from credit_svc.domain.behaviour import behaviour_of


async def evidence_of(uow: CreditUnitOfWork, customer_id: str, as_of: date) -> Evidence:
    invoices = await uow.behaviour.invoices_of(customer_id)
    facts = await uow.behaviour.of(customer_id)
    statements = [s for s in await uow.inputs.statements(customer_id) if s.item.period_end <= as_of]
    reports = [r for r in await uow.inputs.reports(customer_id) if r.item.reported_on <= as_of]
    return Evidence(
        as_of=as_of,
        behaviour=behaviour_of(invoices, facts, as_of),
        # Both are listed latest first.
        statement=(statements[0].id, statements[0].item) if statements else None,
        report=(reports[0].id, reports[0].item) if reports else None,
    )
