"""Dated changes to what is owed on invoices besides cash received: credit notes, write-offs,
applied customer credit, early-payment discounts and reversed payments."""

from datetime import date, datetime

from sqlalchemy import BigInteger, DateTime, Index
from sqlmodel import Field

from reporting_svc.adapters.tables import Table


class InvoiceAdjustmentRow(Table, table=True):
    """One fact's change to one invoice's open amount, from the business date it took effect."""

    __tablename__ = "invoice_adjustments"
    __table_args__ = (
        Index(
            "invoice_adjustments_by_invoice",
            "invoice_id",
            "effective_on",
            postgresql_include=["reduction_minor"],
        ),
        Index(
            "invoice_adjustments_by_customer_date",
            "customer_id",
            "effective_on",
            postgresql_include=["invoice_id", "reduction_minor", "recorded_at"],
        ),
    )

    # credit_note, write_off, credit_application, discount or reversal: with the source id
    # and invoice it is the fact's natural key, so a replayed fact is recorded once.
    kind: str = Field(primary_key=True)
    source_id: str = Field(primary_key=True)
    invoice_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    # Positive: owed less from effective_on on; negative: owed again (a reversed payment).
    reduction_minor: int = Field(sa_type=BigInteger)
    effective_on: date
    # When the producer recorded the fact (event time), for as-known-at reports.
    recorded_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
