"""The statement-run and legal-escalation tables (migration 0009), on collections-svc's own
metadata."""

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

from collections_svc.adapters.tables import metadata

statement_runs = Table(
    "statement_runs",
    metadata,
    Column("id", Text, primary_key=True),
    Column("date_from", Date, nullable=False),
    Column("date_to", Date, nullable=False),
    Column("statements_queued", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

statement_mails = Table(
    "statement_mails",
    metadata,
    Column("id", Text, primary_key=True),
    Column("run_id", Text, ForeignKey("statement_runs.id"), nullable=False),
    Column("customer_id", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("message_id", Text, nullable=False),
    Column("recipients_masked", JSONB, nullable=False),
    Column("error", Text),
    Column("attempts", Integer, nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    Column("sending_since", DateTime(timezone=True)),
)

legal_escalations = Table(
    "legal_escalations",
    metadata,
    Column("case_id", Text, primary_key=True),
    Column("customer_id", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("escalated_on", Date, nullable=False),
)
