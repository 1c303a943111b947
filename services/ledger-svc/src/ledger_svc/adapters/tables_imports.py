"""Bulk invoice imports: one row per file taken (its hash refuses the same file twice), and
which invoice each of its invoice references became."""

from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from ledger_svc.adapters.tables import Table


class InvoiceImportRow(Table, table=True):
    """A file of invoices imported whole, and what it created."""

    __tablename__ = "invoice_imports"

    id: str = Field(primary_key=True)
    file_sha256: str = Field(unique=True)
    filename: str | None = None
    row_count: int
    invoices_created: int
    lines_created: int
    # Minor units per currency: {"EUR": 123450}.
    totals: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    imported_by: str
    imported_at: datetime = Field(sa_type=DateTime(timezone=True))


class InvoiceImportItemRow(Table, table=True):
    """The invoice one reference of an import file became."""

    __tablename__ = "invoice_import_items"

    import_id: str = Field(foreign_key="invoice_imports.id", primary_key=True)
    invoice_ref: str = Field(primary_key=True)
    invoice_id: str = Field(foreign_key="invoices.id", unique=True)
