"""assignment by rules: customers' region and segments, ordered rules with round-robin turns

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_profiles",
        sa.Column("customer_id", sa.Text, primary_key=True),
        sa.Column("region", sa.Text, nullable=True),
        sa.Column("segments", JSONB, nullable=False, server_default="[]"),
    )
    op.create_table(
        "assignment_rule_sets",
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "assignment_rules",
        sa.Column(
            "version",
            sa.Integer,
            sa.ForeignKey("assignment_rule_sets.version"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("region", sa.Text, nullable=True),
        sa.Column("segment", sa.Text, nullable=True),
        sa.Column("collectors", JSONB, nullable=False),
        sa.Column("next_turn", sa.Integer, nullable=False, server_default="0"),
        sa.CheckConstraint("next_turn >= 0", name="turns_count_up"),
    )


def downgrade() -> None:
    op.drop_table("assignment_rules")
    op.drop_table("assignment_rule_sets")
    op.drop_table("customer_profiles")
