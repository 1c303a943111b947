"""Lookup from a CloudEvents type to its contract: every EventData subclass in contracts/."""

import importlib
import pkgutil

from ledgerflow_events import contracts
from ledgerflow_events.contracts.base import EventData

# Importing every module of every producer's package registers its contracts.
for _module in pkgutil.walk_packages(contracts.__path__, prefix=f"{contracts.__name__}."):
    importlib.import_module(_module.name)


def _all_contracts(base: type[EventData]) -> list[type[EventData]]:
    found = []
    for sub in base.__subclasses__():
        if sub.__module__.startswith("ledgerflow_events.contracts."):
            found.append(sub)
        found += _all_contracts(sub)
    return found


EVENT_TYPES: dict[str, type[EventData]] = {
    model.event_type(): model for model in _all_contracts(EventData)
}


def model_for(event_type: str) -> type[EventData] | None:
    return EVENT_TYPES.get(event_type)
