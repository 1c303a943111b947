"""The messaging tables every service keeps in its own schema.

The outbox columns follow the Debezium outbox contract (aggregatetype, aggregateid, type,
payload) so a CDC relay could replace the polling relay without touching producers.
"""

from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID


@dataclass(frozen=True)
class MessagingTables:
    outbox: Table
    event_streams: Table
    inbox: Table
    dead_letters: Table

    def all(self) -> list[Table]:
        return [self.outbox, self.event_streams, self.inbox, self.dead_letters]


def define_messaging_tables(metadata: MetaData) -> MessagingTables:
    outbox = Table(
        "outbox",
        metadata,
        Column("position", BigInteger, Identity(always=True), primary_key=True),
        Column("id", UUID(as_uuid=False), nullable=False, unique=True),
        Column("aggregatetype", Text, nullable=False),  # the topic
        Column("aggregateid", Text, nullable=False),  # the customer id: the Kafka key
        Column("type", Text, nullable=False),
        Column("payload", JSONB, nullable=False),
        Column("sequence", BigInteger, nullable=False),
        Column("occurred_at", DateTime(timezone=True), nullable=False),
        Column("tracingspancontext", Text),
        Column("correlation_id", Text),
        Column("published_at", DateTime(timezone=True)),
        Index("outbox_unpublished", "position", postgresql_where=text("published_at IS NULL")),
    )
    # One row per customer: locked first by every transaction that emits for that customer,
    # so per-customer event order is commit order, and it numbers ce_sequence without gaps.
    event_streams = Table(
        "event_streams",
        metadata,
        Column("subject", Text, primary_key=True),
        Column("last_sequence", BigInteger, nullable=False),
    )
    inbox = Table(
        "inbox",
        metadata,
        Column("event_id", Text, primary_key=True),
        Column("event_type", Text, nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    dead_letters = Table(
        "dead_letters",
        metadata,
        Column("id", BigInteger, Identity(always=True), primary_key=True),
        Column("topic", Text, nullable=False),
        Column("partition", Integer, nullable=False),
        Column("offset", BigInteger, nullable=False),
        Column("event_id", Text),
        Column("event_type", Text),
        Column("key", LargeBinary),
        Column("headers", JSONB, nullable=False),
        Column("value", LargeBinary),
        Column("error", Text, nullable=False),
        Column("failed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("redriven_at", DateTime(timezone=True)),
    )
    return MessagingTables(outbox, event_streams, inbox, dead_letters)
