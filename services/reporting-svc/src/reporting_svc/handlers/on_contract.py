"""A contract signed, amended or closed: the finance customer table lists it with its latest
terms, and its invoices' payments as paid."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.customer import ContractAmended, ContractClosed, ContractSigned
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.facts.contract_records import (
    ContractTerms,
    record_contract_closed,
    record_contract_terms,
)


def _terms(data: ContractSigned | ContractAmended) -> ContractTerms:
    return ContractTerms(
        contract_id=data.contract_id,
        customer_id=data.customer_id,
        number=data.number,
        version=data.contract_version,
        project=data.project,
        signed_on=data.signed_on,
        currency=data.currency,
        total=to_minor(data.total, data.currency),
        payment_cycle=data.payment_cycle,
    )


async def on_contract_signed(session: AsyncSession, event: ReceivedEvent[ContractSigned]) -> None:
    await record_contract_terms(session, _terms(event.data))


async def on_contract_amended(session: AsyncSession, event: ReceivedEvent[ContractAmended]) -> None:
    await record_contract_terms(session, _terms(event.data))


async def on_contract_closed(session: AsyncSession, event: ReceivedEvent[ContractClosed]) -> None:
    data = event.data
    # Project and signing date are unknown here; the signing, if it comes later, fills them.
    terms = ContractTerms(
        data.contract_id, data.customer_id, data.number, data.contract_version, "",
        data.closed_on, data.currency, to_minor(data.total, data.currency), None,
    )  # fmt: skip
    await record_contract_closed(session, terms, data.status, data.closed_on)
