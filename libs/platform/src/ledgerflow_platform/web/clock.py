"""The time a request is handled at: read once, at the edge, and passed in to use cases, so
use cases and domain code never read the clock themselves (and tests can set it)."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends


async def request_time() -> datetime:
    # A coroutine: FastAPI would run a plain function on a worker thread, a thread hop per request.
    return datetime.now(UTC)


Now = Annotated[datetime, Depends(request_time)]
