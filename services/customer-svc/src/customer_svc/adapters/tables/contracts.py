"""customer-svc's contract tables: the contract head, every version of its terms, its moves."""

from datetime import date, datetime

from sqlalchemy import ARRAY, BigInteger, CheckConstraint, Column, DateTime, Index, Text, func
from sqlmodel import Field

from customer_svc.adapters.tables.base import Table


class ContractRow(Table, table=True):
    """A contract's identity, customer, status and the version of its terms now in force."""

    __tablename__ = "contracts"
    __table_args__ = (
        # Numbers are compared as people read them: C-1 and c-1 are the same contract.
        Index("contracts_number_unique", func.upper(Column("number")), unique=True),
        Index("contracts_by_customer", "customer_id", "id"),
        CheckConstraint(
            "status IN ('draft', 'active', 'completed', 'terminated')", name="contract_status_known"
        ),
    )

    id: str = Field(primary_key=True)
    customer_id: str = Field(foreign_key="customers.id")
    number: str
    status: str
    current_version: int
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    updated_at: datetime = Field(sa_type=DateTime(timezone=True))


class ContractVersionRow(Table, table=True):
    """One version of a contract's terms; never updated, amendments add the next one."""

    __tablename__ = "contract_versions"
    __table_args__ = (
        CheckConstraint("total_minor > 0", name="contract_total_positive"),
        CheckConstraint("version >= 1", name="contract_version_positive"),
    )

    contract_id: str = Field(primary_key=True, foreign_key="contracts.id")
    version: int = Field(primary_key=True)
    project: str
    signed_on: date | None = None
    currency: str
    total_minor: int = Field(sa_type=BigInteger)
    payment_terms_days: int
    payment_cycle: str | None = None
    notes: str | None = None
    changed_fields: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    reason: str | None = None
    recorded_at: datetime = Field(sa_type=DateTime(timezone=True))
    recorded_by: str


class ContractStatusChangeRow(Table, table=True):
    """A move of a contract between statuses, kept as its history."""

    __tablename__ = "contract_status_changes"

    id: int | None = Field(default=None, primary_key=True)
    contract_id: str = Field(foreign_key="contracts.id", index=True)
    from_status: str
    to_status: str
    effective_on: date
    reason: str | None = None
    changed_at: datetime = Field(sa_type=DateTime(timezone=True))
    changed_by: str
