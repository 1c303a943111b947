"""Contracts as the HTTP contract shows them."""

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.contracts.schemas import (
    ContractOut,
    ContractSummary,
    ContractVersionOut,
    StatusChangeOut,
)
from customer_svc.domain.contracts.contract import Contract, ContractVersion
from ledgerflow_events.money import format_minor


def version_out(version: ContractVersion) -> ContractVersionOut:
    terms = version.terms
    return ContractVersionOut(
        version=version.version,
        project=terms.project,
        signed_on=terms.signed_on,
        currency=terms.currency,
        total=format_minor(terms.total_minor, terms.currency),
        payment_terms_days=terms.payment_terms_days,
        payment_cycle=terms.payment_cycle,
        notes=terms.notes,
        changed_fields=list(version.changed_fields),
        reason=version.reason,
        recorded_at=version.recorded_at,
        recorded_by=version.recorded_by,
    )


def summary_out(contract: Contract) -> ContractSummary:
    terms = contract.terms
    return ContractSummary(
        id=contract.id,
        customer_id=contract.customer_id,
        number=contract.number,
        status=contract.status,
        version=contract.current.version,
        project=terms.project,
        signed_on=terms.signed_on,
        currency=terms.currency,
        total=format_minor(terms.total_minor, terms.currency),
        payment_terms_days=terms.payment_terms_days,
        payment_cycle=terms.payment_cycle,
        notes=terms.notes,
        created_at=contract.created_at,
    )


async def contract_out(uow: CustomerUnitOfWork, contract: Contract) -> ContractOut:
    """The contract now, with every version of its terms and every move of its status."""
    versions = await uow.contracts.versions(contract.id)
    history = await uow.contracts.status_history(contract.id)
    return ContractOut(
        **summary_out(contract).model_dump(),
        versions=[version_out(v) for v in versions],
        status_history=[
            StatusChangeOut(
                from_status=c.from_status,
                to_status=c.to_status,
                effective_on=c.effective_on,
                reason=c.reason,
                changed_at=c.changed_at,
                changed_by=c.changed_by,
            )
            for c in history
        ],
    )
