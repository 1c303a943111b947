"""The dunning tables (migration 0002), on collections-svc's own metadata."""

from sqlalchemy import BigInteger, Column, Date, DateTime, ForeignKey, Integer, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

from collections_svc.adapters.tables import metadata

dunning_policies = Table(
    "dunning_policies",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", Text, nullable=False),
    Column("levels", JSONB, nullable=False),
    Column("min_days_between_notices", Integer, nullable=False),
    Column("min_amount", JSONB, nullable=False),
    Column("promise_grace_days", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

customer_dunning_policies = Table(
    "customer_dunning_policies",
    metadata,
    Column("customer_id", Text, primary_key=True),
    Column("policy_name", Text, nullable=False),
)

dunning_runs = Table(
    "dunning_runs",
    metadata,
    Column("id", Text, primary_key=True),
    Column("as_of", Date, nullable=False, unique=True),
    Column("notices_created", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

dunning_notices = Table(
    "dunning_notices",
    metadata,
    Column("id", Text, primary_key=True),
    Column("run_id", Text, ForeignKey("dunning_runs.id"), nullable=False),
    Column("customer_id", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("status", Text, nullable=False),
    Column("invoices", JSONB, nullable=False),
    Column("dropped", JSONB, nullable=False),
    Column("message_id", Text, nullable=False),
    Column("recipients_masked", JSONB, nullable=False),
    Column("suppressed_reason", Text),
    Column("error", Text),
    Column("attempts", Integer, nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    Column("sending_since", DateTime(timezone=True)),
)

dunning_steps = Table(
    "dunning_steps",
    metadata,
    Column("invoice_id", Text, primary_key=True),
    Column("level", Integer, primary_key=True),
    Column("run_id", Text, nullable=False),
    Column("notice_id", Text, nullable=False),
    Column("as_of", Date, nullable=False),
)

dunning_pauses = Table(
    "dunning_pauses",
    metadata,
    Column("id", Text, primary_key=True),
    Column("customer_id", Text, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("until", Date, nullable=False),
    Column("reason", Text, nullable=False),
    Column("ended_on", Date),
)

disputes = Table(
    "disputes",
    metadata,
    Column("id", Text, primary_key=True),
    Column("customer_id", Text, nullable=False),
    Column("invoice_id", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("reason", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("opened_on", Date, nullable=False),
    Column("resolved_on", Date),
    Column("note", Text),
)

promises = Table(
    "promises",
    metadata,
    Column("id", Text, primary_key=True),
    Column("case_id", Text, nullable=False),
    Column("customer_id", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("made_on", Date, nullable=False),
    Column("promised_on", Date, nullable=False),
    Column("grace_days", Integer, nullable=False),
    Column("invoice_ids", JSONB, nullable=False),
    Column("status", Text, nullable=False),
    Column("paid", BigInteger, nullable=False),
    Column("kept_on", Date),
    Column("broken_on", Date),
)

# Case work (migration 0006).
case_activities = Table(
    "case_activities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("case_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("next_action_on", Date),
    Column("note", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

credit_grades = Table(
    "credit_grades",
    metadata,
    Column("customer_id", Text, primary_key=True),
    Column("grade", Text, nullable=False),
)

payment_plans = Table(
    "payment_plans",
    metadata,
    Column("id", Text, primary_key=True),
    Column("case_id", Text, nullable=False),
    Column("customer_id", Text, nullable=False, index=True),
    Column("currency", Text, nullable=False),
    Column("invoice_ids", JSONB, nullable=False),
    Column("instalments", JSONB, nullable=False),
    Column("grace_days", Integer, nullable=False),
    Column("agreed_on", Date, nullable=False),
    Column("status", Text, nullable=False),
    Column("paid", BigInteger, nullable=False),
    Column("ended_on", Date),
)

collected = Table(
    "collected",
    metadata,
    Column("payment_ref", Text, primary_key=True),
    Column("invoice_id", Text, primary_key=True),
    Column("case_id", Text, nullable=False),
    Column("collector", Text, nullable=False, index=True),
    Column("currency", Text, nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("collected_on", Date, nullable=False),
)
