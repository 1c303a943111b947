"""opening balances: the opening_balance_equity account joins the chart, and an opening
invoice (series OB) may have fallen due before the cut-over it is dated on

Revision ID: 0010_opening_balances
Revises: 0009_customer_file
Create Date: 2026-12-02
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0010_opening_balances"
down_revision = "0009_customer_file"
branch_labels = None
depends_on = None

ACCOUNT = "opening_balance_equity"


def _chart() -> list[str]:
    # Read from the constraint itself: other migrations may widen the chart on their branch.
    definition = op.get_bind().scalar(
        sa.text(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conname = 'journal_line_account_in_chart'"
        )
    )
    return re.findall(r"'([a-z_]+)'", definition or "")


def _set_chart(accounts: list[str]) -> None:
    op.drop_constraint("journal_line_account_in_chart", "journal_lines", type_="check")
    op.create_check_constraint(
        "journal_line_account_in_chart",
        "journal_lines",
        "account IN (" + ", ".join(f"'{a}'" for a in accounts) + ")",
    )


def _set_due_rule(rule: str) -> None:
    op.drop_constraint("invoice_due_after_issue", "invoices", type_="check")
    op.create_check_constraint("invoice_due_after_issue", "invoices", rule)


def upgrade() -> None:
    _set_chart([*(a for a in _chart() if a != ACCOUNT), ACCOUNT])
    _set_due_rule("due_date >= issue_date OR number LIKE 'OB-%'")


def downgrade() -> None:
    _set_due_rule("due_date >= issue_date")
    _set_chart([a for a in _chart() if a != ACCOUNT])
