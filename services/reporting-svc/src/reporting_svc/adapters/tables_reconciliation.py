"""Bank reconciliations the ledger ran, and the statement lines still left to explain."""

from datetime import date

from sqlalchemy import BigInteger
from sqlmodel import Field

from reporting_svc.adapters.tables import Table


class ReconciliationRow(Table, table=True):
    """One bank statement reconciled: how many of its lines ended in each outcome."""

    __tablename__ = "reconciliations"

    reconciliation_id: str = Field(primary_key=True)
    statement_id: str
    # The statement's last day; without a period, the day (UTC) the ledger announced the run.
    statement_date: date = Field(index=True)
    period_from: date | None = None
    period_to: date | None = None
    matched: int
    proposed: int
    created: int
    duplicates: int
    amount_mismatches: int
    unmatched: int
    not_applicable: int
    created_payments: int


class DiscrepancyRow(Table, table=True):
    """A statement line a person has to look at, in the currency of its amount."""

    __tablename__ = "reconciliation_discrepancies"

    reconciliation_id: str = Field(primary_key=True)
    line_id: str = Field(primary_key=True)
    outcome: str
    currency: str
    amount_minor: int = Field(sa_type=BigInteger)
    # A real customer, when the line points to one; never the reconciliation's stream id.
    customer_id: str | None = None
    invoice_id: str | None = None
