"""A service's resources (ServiceSpec.resources), as a typed route dependency.

In a service: `Resources = Annotated[LedgerResources, Depends(resources_of(LedgerResources))]`.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from fastapi import Request

R = TypeVar("R")


def resources_of(kind: type[R]) -> Callable[[Request], Awaitable[R]]:
    # A coroutine, as FastAPI runs a plain function dependency on a worker thread: a thread hop
    # on every request of every route that takes the resources (single payments included).
    async def resources(request: Request) -> R:
        built = request.app.state.resources
        if not isinstance(built, kind):
            raise TypeError(f"the app's resources are {type(built).__name__}, not {kind.__name__}")
        return built

    return resources
