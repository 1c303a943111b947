"""Recording customers' contracts: the latest version's terms, and whether it still runs.

Terms of an older version never overwrite a newer one, so redelivered or replayed facts leave
the row as it was; a closing is kept whatever order it arrives in.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables_contracts import ContractRow

ACTIVE = "active"


@dataclass(frozen=True)
class ContractTerms:
    contract_id: str
    customer_id: str
    number: str
    version: int
    project: str
    signed_on: date
    currency: str
    total: int  # minor units
    payment_cycle: str | None


async def record_contract_terms(session: AsyncSession, terms: ContractTerms) -> None:
    statement = insert(ContractRow).values(
        contract_id=terms.contract_id,
        customer_id=terms.customer_id,
        number=terms.number,
        contract_version=terms.version,
        project=terms.project,
        signed_on=terms.signed_on,
        currency=terms.currency,
        total_minor=terms.total,
        payment_cycle=terms.payment_cycle,
        status=ACTIVE,
    )
    changed = ("number", "contract_version", "project", "signed_on", "currency", "total_minor",
               "payment_cycle")  # fmt: skip
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[col(ContractRow.contract_id)],
            set_={name: statement.excluded[name] for name in changed},
            where=col(ContractRow.contract_version) <= statement.excluded.contract_version,
        )
    )


async def record_contract_closed(
    session: AsyncSession, terms: ContractTerms, status: str, closed_on: date
) -> None:
    """A closing that comes first keeps what it carries until the signing fills in the rest."""
    statement = insert(ContractRow).values(
        contract_id=terms.contract_id,
        customer_id=terms.customer_id,
        number=terms.number,
        contract_version=terms.version,
        project=terms.project,
        signed_on=terms.signed_on,
        currency=terms.currency,
        total_minor=terms.total,
        payment_cycle=None,
        status=status,
        closed_on=closed_on,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[col(ContractRow.contract_id)],
            set_={"status": status, "closed_on": closed_on},
        )
    )
