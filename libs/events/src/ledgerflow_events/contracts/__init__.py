"""Every event the platform publishes, as versioned Pydantic contracts: one package per
producing service (customer, ledger, ...), named for the facts it publishes."""

from ledgerflow_events.contracts.base import EventData, event_type_of
from ledgerflow_events.contracts.registry import EVENT_TYPES, model_for

__all__ = ["EVENT_TYPES", "EventData", "event_type_of", "model_for"]
