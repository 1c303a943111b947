"""customer-svc consumes no events yet."""

from ledgerflow_events.inbox import Handlers

HANDLERS: Handlers = {}
