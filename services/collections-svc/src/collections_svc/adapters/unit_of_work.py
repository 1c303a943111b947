"""collections-svc's unit of work: one transaction over invoices, cases, dunning and the outbox."""

from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.case_work import CaseActivities, CaseFactsReader, CreditGrades
from collections_svc.adapters.cases import CollectionCases
from collections_svc.adapters.disputes import Disputes
from collections_svc.adapters.dunned_invoices import DunnedInvoices
from collections_svc.adapters.dunning_policies import DunningPolicies
from collections_svc.adapters.dunning_runs import DunningRuns
from collections_svc.adapters.legal_escalations import LegalEscalations
from collections_svc.adapters.notices import Notices
from collections_svc.adapters.pauses import DunningPauses
from collections_svc.adapters.payment_plans import PaymentPlans
from collections_svc.adapters.performance import Collected
from collections_svc.adapters.promise_outcomes import count_when_committed
from collections_svc.adapters.promises import Promises
from collections_svc.adapters.receivables import Receivables
from collections_svc.adapters.statement_runs import StatementRuns
from collections_svc.adapters.tables import outbox
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.collections import PromiseBroken, PromiseKept, PromiseMade
from ledgerflow_platform.unit_of_work import UnitOfWork

PROMISE_OUTCOMES: dict[type[EventData], str] = {
    PromiseMade: "made",
    PromiseKept: "kept",
    PromiseBroken: "broken",
}


class CollectionsUnitOfWork(UnitOfWork):
    """One transaction over the invoices followed, the cases and dunning they drive, and the
    facts collections publishes about them."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, outbox)
        self.receivables = Receivables(session)
        self.cases = CollectionCases(session)
        self.dunned = DunnedInvoices(session)
        self.policies = DunningPolicies(session)
        self.runs = DunningRuns(session)
        self.notices = Notices(session)
        self.pauses = DunningPauses(session)
        self.disputes = Disputes(session)
        self.promises = Promises(session)
        self.activities = CaseActivities(session)
        self.plans = PaymentPlans(session)
        self.collected = Collected(session)
        self.grades = CreditGrades(session)
        self.case_facts = CaseFactsReader(session)
        self.statement_runs = StatementRuns(session)
        self.legal = LegalEscalations(session)

    async def emit(self, event: EventData) -> None:
        await super().emit(event)
        outcome = PROMISE_OUTCOMES.get(type(event))
        if outcome is not None:
            count_when_committed(self.session, outcome)
