"""A case escalated to legal, and the bundle of papers that goes with it: a cover page, every
notice sent for the case's invoices, and the ledger's statement of account."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from collections_svc.domain.case import CollectionCase
from collections_svc.domain.dunning import DunnedInvoice
from collections_svc.domain.notice import Notice
from ledgerflow_platform.errors import DomainError


class CaseNotInLegal(DomainError):
    """Only a case a legal level escalated has a legal bundle."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"Collection case {case_id} has not been escalated to legal.")


@dataclass(frozen=True)
class LegalBundle:
    case: CollectionCase
    escalated_on: date
    prepared_on: date
    # Currency -> what is open on the customer's invoices, in minor units.
    open_totals: dict[str, int]
    notices: tuple[Notice, ...]


def legal_bundle(
    case: CollectionCase,
    escalated_on: date,
    prepared_on: date,
    open_invoices: list[DunnedInvoice],
    sent: list[Notice],
) -> LegalBundle:
    """The notices that named an invoice still open: the history of what is claimed."""
    open_ids = {invoice.invoice_id for invoice in open_invoices}
    totals: dict[str, int] = defaultdict(int)
    for invoice in open_invoices:
        totals[invoice.currency] += invoice.open_amount
    return LegalBundle(
        case=case,
        escalated_on=escalated_on,
        prepared_on=prepared_on,
        open_totals=dict(sorted(totals.items())),
        notices=tuple(n for n in sent if any(line.invoice_id in open_ids for line in n.invoices)),
    )
