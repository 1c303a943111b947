"""bulk invoice imports: the files taken (by content hash) and the invoice of each reference

Revision ID: 0006
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0006"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invoice_imports",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("file_sha256", sa.Text, nullable=False, unique=True),
        sa.Column("filename", sa.Text),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("invoices_created", sa.Integer, nullable=False),
        sa.Column("lines_created", sa.Integer, nullable=False),
        sa.Column("totals", JSONB, nullable=False),
        sa.Column("imported_by", sa.Text, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "invoice_import_items",
        sa.Column("import_id", sa.Text, sa.ForeignKey("invoice_imports.id"), primary_key=True),
        sa.Column("invoice_ref", sa.Text, primary_key=True),
        sa.Column("invoice_id", sa.Text, sa.ForeignKey("invoices.id"), nullable=False, unique=True),
    )


def downgrade() -> None:
    op.drop_table("invoice_import_items")
    op.drop_table("invoice_imports")
