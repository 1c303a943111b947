"""customer-svc consumes no events yet."""

from ledgerflow_events.inbox import Handler

HANDLERS: dict[str, Handler] = {}
