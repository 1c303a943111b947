"""What each invoice's open amount does over time, kept as dated changes: the aging at any
date is then the sum of the changes up to it, per customer or for the whole book, instead of
every invoice's settlements summed again on every report.

Customer ids and currencies sort by code point ("C" collation), the report's own order, so a
page of customers is read in index order and stops after its last row.
"""

from datetime import date

from sqlalchemy import BigInteger, Index, Text
from sqlmodel import Field

from reporting_svc.adapters.tables import Table


class AgingChangeRow(Table, table=True):
    """On `changed_on`, the open amount of one part of an invoice (an instalment, or the whole
    invoice) changed by `change_minor`; a part ages from `due_from`, the invoice from
    `issued_on`."""

    __tablename__ = "aging_changes"
    __table_args__ = (
        Index(
            "aging_changes_by_customer",
            "customer_id",
            "currency",
            "changed_on",
            postgresql_include=["due_from", "issued_on", "change_minor"],
        ),
    )

    invoice_id: str = Field(primary_key=True)
    part: int = Field(primary_key=True)
    changed_on: date = Field(primary_key=True)
    customer_id: str = Field(sa_type=Text(collation="C"))
    currency: str = Field(sa_type=Text(collation="C"))
    due_from: date
    issued_on: date
    change_minor: int = Field(sa_type=BigInteger)


class AgingChangeTotalRow(Table, table=True):
    """The whole book's changes summed per currency, ageing dates and day: a few rows per day
    of business, whatever the number of customers."""

    __tablename__ = "aging_change_totals"

    currency: str = Field(primary_key=True, sa_type=Text(collation="C"))
    due_from: date = Field(primary_key=True)
    issued_on: date = Field(primary_key=True)
    changed_on: date = Field(primary_key=True)
    change_minor: int = Field(sa_type=BigInteger)
