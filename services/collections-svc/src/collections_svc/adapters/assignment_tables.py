"""Assignment by rules (migration 0011), on collections-svc's own metadata."""

from sqlalchemy import Column, DateTime, Integer, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

from collections_svc.adapters.tables import metadata

# Region and segment codes from customer-svc's events; nothing personal.
customer_profiles = Table(
    "customer_profiles",
    metadata,
    Column("customer_id", Text, primary_key=True),
    Column("region", Text),
    Column("segments", JSONB, nullable=False),
)

# Each list of rules set, by version; the highest is in force.
assignment_rule_sets = Table(
    "assignment_rule_sets",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("set_at", DateTime(timezone=True), nullable=False),
)

assignment_rules = Table(
    "assignment_rules",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("region", Text),
    Column("segment", Text),
    Column("collectors", JSONB, nullable=False),
    # The rule's next turn: its row is locked while a case takes it.
    Column("next_turn", Integer, nullable=False),
)
