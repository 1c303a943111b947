"""The facts a contract's changes publish, free of notes and reasons (they may be personal)."""

from datetime import date

from customer_svc.domain.contracts.contract import Contract, StatusChange
from ledgerflow_events.contracts.customer import ContractAmended, ContractClosed, ContractSigned
from ledgerflow_events.money import format_minor


def _total(contract: Contract) -> str:
    return format_minor(contract.terms.total_minor, contract.terms.currency)


def _signed_on(contract: Contract) -> date:
    assert contract.terms.signed_on is not None, "a signed contract has its date"
    return contract.terms.signed_on


def contract_signed(contract: Contract, activated_on: date) -> ContractSigned:
    terms = contract.terms
    return ContractSigned(
        customer_id=contract.customer_id,
        contract_id=contract.id,
        number=contract.number,
        contract_version=contract.current.version,
        project=terms.project,
        signed_on=_signed_on(contract),
        currency=terms.currency,
        total=_total(contract),
        payment_terms_days=terms.payment_terms_days,
        payment_cycle=terms.payment_cycle,
        activated_on=activated_on,
    )


def contract_amended(contract: Contract) -> ContractAmended:
    terms = contract.terms
    return ContractAmended(
        customer_id=contract.customer_id,
        contract_id=contract.id,
        number=contract.number,
        contract_version=contract.current.version,
        changed_fields=list(contract.current.changed_fields),
        project=terms.project,
        signed_on=_signed_on(contract),
        currency=terms.currency,
        total=_total(contract),
        payment_terms_days=terms.payment_terms_days,
        payment_cycle=terms.payment_cycle,
        amended_at=contract.current.recorded_at,
    )


def contract_closed(contract: Contract, change: StatusChange) -> ContractClosed:
    return ContractClosed(
        customer_id=contract.customer_id,
        contract_id=contract.id,
        number=contract.number,
        contract_version=contract.current.version,
        status=change.to_status.value,
        closed_on=change.effective_on,
        currency=contract.terms.currency,
        total=_total(contract),
    )
