"""contracts with versioned terms and status history; customer complaints

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def _at(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "contracts",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("current_version", sa.Integer, nullable=False),
        _at("created_at"),
        _at("updated_at"),
        sa.CheckConstraint(
            "status IN ('draft', 'active', 'completed', 'terminated')", name="contract_status_known"
        ),
    )
    op.execute("CREATE UNIQUE INDEX contracts_number_unique ON contracts (upper(number))")
    op.create_index("contracts_by_customer", "contracts", ["customer_id", "id"])
    op.create_table(
        "contract_versions",
        sa.Column("contract_id", sa.Text, sa.ForeignKey("contracts.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("project", sa.Text, nullable=False),
        sa.Column("signed_on", sa.Date),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_minor", sa.BigInteger, nullable=False),
        sa.Column("payment_terms_days", sa.Integer, nullable=False),
        sa.Column("payment_cycle", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("changed_fields", ARRAY(sa.Text), nullable=False),
        sa.Column("reason", sa.Text),
        _at("recorded_at"),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.CheckConstraint("total_minor > 0", name="contract_total_positive"),
        sa.CheckConstraint("version >= 1", name="contract_version_positive"),
    )
    op.create_table(
        "contract_status_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("contract_id", sa.Text, sa.ForeignKey("contracts.id"), nullable=False),
        sa.Column("from_status", sa.Text, nullable=False),
        sa.Column("to_status", sa.Text, nullable=False),
        sa.Column("effective_on", sa.Date, nullable=False),
        sa.Column("reason", sa.Text),
        _at("changed_at"),
        sa.Column("changed_by", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_contract_status_changes_contract_id", "contract_status_changes", ["contract_id"]
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("severity", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        _at("received_at"),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("assignee", sa.Text),
        _at("assigned_at", nullable=True),
        _at("first_response_at", nullable=True),
        _at("resolved_at", nullable=True),
        sa.Column("resolution", sa.Text),
        sa.Column("resolved_by", sa.Text),
        sa.CheckConstraint(
            "status IN ('open', 'assigned', 'resolved')", name="complaint_status_known"
        ),
        sa.CheckConstraint(
            "(status = 'resolved') = (resolved_at IS NOT NULL)", name="complaint_resolved_has_time"
        ),
    )
    op.create_index("complaints_by_customer", "complaints", ["customer_id", "id"])
    op.create_index("complaints_by_assignee", "complaints", ["assignee", "id"])
    op.create_index("complaints_by_received_at", "complaints", ["received_at"])


def downgrade() -> None:
    op.drop_table("complaints")
    op.drop_table("contract_status_changes")
    op.drop_table("contract_versions")
    op.drop_table("contracts")
