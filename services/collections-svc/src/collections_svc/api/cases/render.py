"""Cases as the API shows them, and the caller as a case worker."""

from collections_svc.api.cases.schemas import CaseOut
from collections_svc.domain.case import CollectionCase
from collections_svc.domain.case_work import CaseStanding, CaseWorker
from ledgerflow_events.money import format_minor
from ledgerflow_platform.auth.tokens import Principal


def worker_of(principal: Principal) -> CaseWorker:
    return CaseWorker(principal.subject, frozenset(r.value for r in principal.roles))


def case_out(case: CollectionCase, standing: CaseStanding) -> CaseOut:
    return CaseOut(
        id=case.id,
        customer_id=case.customer_id,
        status=standing,
        currency=case.currency,
        overdue_amount=format_minor(case.overdue_amount, case.currency),
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        collector=case.collector,
        assigned_on=case.assigned_on,
    )
