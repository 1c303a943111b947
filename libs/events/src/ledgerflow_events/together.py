"""Handlers that apply a run of events of their type with one call.

Credit-svc publishes a reservation with every order an order system checks, hundreds a
second, and reporting records each with one statement: sent one by one, their execution (and a
span each) cost more of the consumer's CPU than the rest of applying them. A handler wrapped
in `Together` is handed, within a batch (InboxProcessor.process_batch), each run of
consecutive events it applies at once, and writes them with one statement; alone (a record
applied one at a time, a redrive) it is handed a run of one. What it writes must not depend on
the order of the run's events beyond "the later one wins", as an upsert does, and it emits
nothing: the run is traced as one span linked to each event's trace, not as one span each.
"""

from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

if TYPE_CHECKING:
    from ledgerflow_events.inbox import Handler, ReceivedEvent

ManyHandler = Callable[[AsyncSession, Sequence["ReceivedEvent[Any]"]], Awaitable[None]]


class Together:
    """A handler applying a run of events with one call (`many`); one event is a run of one."""

    def __init__(self, many: ManyHandler) -> None:
        self.many = many

    async def __call__(self, session: AsyncSession, event: "ReceivedEvent[Any]") -> None:
        await self.many(session, [event])


def runs(
    applying: Sequence[tuple["ReceivedEvent[Any]", "Handler"]],
) -> Iterator[tuple["Handler", list["ReceivedEvent[Any]"]]]:
    """The events to apply, in order, as runs: consecutive events of one `Together` handler
    together, every other event in a run of its own."""
    run: list[ReceivedEvent[Any]] = []
    run_handler: Handler | None = None
    for event, handler in applying:
        if run and handler is run_handler and isinstance(handler, Together):
            run.append(event)
            continue
        if run_handler is not None:
            yield run_handler, run
        run, run_handler = [event], handler
    if run_handler is not None:
        yield run_handler, run
