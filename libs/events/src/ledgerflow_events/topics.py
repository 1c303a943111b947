"""Topic names: one per producing service, keyed by customer id."""

from typing import Final

CUSTOMER_EVENTS: Final = "customer.events"
LEDGER_EVENTS: Final = "ledger.events"
CREDIT_EVENTS: Final = "credit.events"
COLLECTIONS_EVENTS: Final = "collections.events"

EVENT_TOPICS: Final = (CUSTOMER_EVENTS, LEDGER_EVENTS, CREDIT_EVENTS, COLLECTIONS_EVENTS)
DEFAULT_PARTITIONS: Final = 4


def dead_letter_topic(topic: str) -> str:
    return f"{topic}.dlq"


def all_topics() -> list[str]:
    """Every topic the platform needs, dead-letter topics included."""
    return [*EVENT_TOPICS, *(dead_letter_topic(t) for t in EVENT_TOPICS)]
