"""Facts published by collections-svc on collections.events."""

from ledgerflow_events.contracts.collections.arrangements import (
    DisputeOpened,
    DisputeResolved,
    PaymentPlanAgreed,
    PaymentPlanEnded,
    PlanInstalment,
    PromiseBroken,
    PromiseKept,
    PromiseMade,
)
from ledgerflow_events.contracts.collections.cases import (
    CaseActivityRecorded,
    CaseAssigned,
    CaseClosed,
    CaseOpened,
)
from ledgerflow_events.contracts.collections.notices import Escalated, NoticedInvoice, NoticeSent
from ledgerflow_events.contracts.collections.statements import StatementSent

__all__ = [
    "CaseActivityRecorded",
    "CaseAssigned",
    "CaseClosed",
    "CaseOpened",
    "DisputeOpened",
    "DisputeResolved",
    "Escalated",
    "NoticeSent",
    "NoticedInvoice",
    "PaymentPlanAgreed",
    "PaymentPlanEnded",
    "PlanInstalment",
    "PromiseBroken",
    "PromiseKept",
    "PromiseMade",
    "StatementSent",
]
