"""A service's resources (ServiceSpec.resources), as a typed route dependency.

In a service: `Resources = Annotated[LedgerResources, Depends(resources_of(LedgerResources))]`.
"""

from collections.abc import Callable
from typing import TypeVar

from fastapi import Request

R = TypeVar("R")


def resources_of(kind: type[R]) -> Callable[[Request], R]:
    def resources(request: Request) -> R:
        built = request.app.state.resources
        if not isinstance(built, kind):
            raise TypeError(f"the app's resources are {type(built).__name__}, not {kind.__name__}")
        return built

    return resources
