"""Customers' contracts as customer-svc announced them: what the finance customer table lists."""

from datetime import date

from sqlalchemy import BigInteger
from sqlmodel import Field

from reporting_svc.adapters.tables import Table


class ContractRow(Table, table=True):
    """A signed contract at its latest version; its invoices carry its id."""

    __tablename__ = "contracts"

    contract_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    number: str = Field(index=True)
    contract_version: int
    project: str
    signed_on: date
    currency: str
    total_minor: int = Field(sa_type=BigInteger)
    payment_cycle: str | None = None
    # active, completed or terminated.
    status: str
    closed_on: date | None = None
