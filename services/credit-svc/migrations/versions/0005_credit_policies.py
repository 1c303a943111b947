"""credit policy versions, with the default policy in force from the start

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def grade(limit_rule: dict[str, str], terms: int, prepay: str, guarantee: bool, review: int,
          overdue: int, over_limit: str) -> dict[str, object]:
    return {
        "limit_rule": {"amount": None, "percent": None, "cap": None, **limit_rule},
        "terms_days": terms,
        "prepayment_percent": prepay,
        "guarantee_required": guarantee,
        "review_months": review,
        "overdue_tolerance_days": overdue,
        "over_limit_tolerance_percent": over_limit,
    }


def bands(*pairs: tuple[str, int]) -> list[dict[str, object]]:
    return [{"at_least": at_least, "points": points} for at_least, points in pairs]


# The default policy, documented in the service's README. Later versions are drafted and
# activated through the API; this one stays readable once retired.
DEFAULT_RULES = {
    "name": "Default policy",
    "scorecard": [
        {"input": "bureau_score", "weight": 30,
         "bands": bands(("80", 100), ("60", 75), ("40", 50), ("20", 25), ("0", 0))},
        {"input": "altman_z", "weight": 25, "bands": bands(("2.6", 100), ("1.1", 50), ("-1000", 0))},
        {"input": "current_ratio", "weight": 15,
         "bands": bands(("2", 100), ("1.5", 75), ("1", 50), ("0", 0))},
        {"input": "days_beyond_terms", "weight": 20,
         "bands": bands(("60", 0), ("30", 25), ("10", 60), ("0", 100))},
        {"input": "late_share", "weight": 10,
         "bands": bands(("50", 0), ("25", 40), ("10", 70), ("0", 100))},
    ],
    "grade_thresholds": {"A": "80", "B": "65", "C": "50", "D": "35"},
    "grades": {
        "A": grade({"kind": "sales_percent", "percent": "15", "cap": "500000.00"}, 60, "0", False, 12, 45, "15"),
        "B": grade({"kind": "sales_percent", "percent": "10", "cap": "250000.00"}, 45, "0", False, 12, 30, "10"),
        "C": grade({"kind": "sales_percent", "percent": "5", "cap": "100000.00"}, 30, "0", False, 6, 15, "5"),
        "D": grade({"kind": "equity_percent", "percent": "5", "cap": "25000.00"}, 14, "30", False, 3, 7, "0"),
        "E": grade({"kind": "fixed", "amount": "0.00"}, 0, "100", True, 1, 0, "0"),
    },
    "ungraded": {
        "prepayment_percent": "0",
        "guarantee_required": False,
        "overdue_tolerance_days": 30,
        "over_limit_tolerance_percent": "10",
    },
}


def upgrade() -> None:
    policies = op.create_table(
        "credit_policies",
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("rules", JSONB, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
    )
    # Exactly one version is in force.
    op.create_index(
        "ux_credit_policies_active",
        "credit_policies",
        ["status"],
        unique=True,
        postgresql_where=sa.text("status = 'active'"),
    )
    installed = datetime(2026, 12, 2, tzinfo=UTC)
    op.bulk_insert(
        policies,
        [
            {
                "version": 1,
                "status": "active",
                "rules": json.loads(json.dumps(DEFAULT_RULES)),
                "created_by": "credit-control",
                "created_at": installed,
                "activated_at": installed,
            }
        ],
    )


def downgrade() -> None:
    op.drop_table("credit_policies")
