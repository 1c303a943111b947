"""Request-scoped dependencies shared by every service's routes."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.idempotency import (
    IdempotencyStore,
    KeyReusedForOtherRequest,
    fingerprint,
)
from ledgerflow_platform.web.auth import current_principal
from ledgerflow_platform.web.problems import Problem, ProblemType

KEY_REUSED = ProblemType(
    422, "idempotency-key-reused", "This Idempotency-Key was used for a different request"
)
MAX_KEY_LENGTH = 255


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    # Closing without commit rolls back: nothing half-written survives an error.
    async with request.app.state.sessions() as session:
        yield session


DbSession = Annotated[AsyncSession, Depends(get_session)]
CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


class IdempotentRequest:
    """The Idempotency-Key of one request, bound to the request's transaction."""

    def __init__(
        self,
        store: IdempotencyStore,
        session: AsyncSession,
        subject: str,
        key: str | None,
        print_: str,
    ) -> None:
        self._store = store
        self._session = session
        self._subject = subject
        self.key = key
        self._print = print_

    async def replay(self) -> JSONResponse | None:
        """The first response to this key, if this request is a retry of it."""
        if self.key is None:
            return None
        try:
            stored = await self._store.claim(self._session, self._subject, self.key, self._print)
        except KeyReusedForOtherRequest as exc:
            raise key_reused(self.key) from exc
        if stored is None:
            return None
        return replayed(stored.status_code, stored.body)

    async def remember(
        self, status_code: int, response: BaseModel, *, exclude_none: bool = False
    ) -> None:
        """Keep the answer for a retry; `exclude_none` as the route's response_model says, so
        the retry's answer is the first one's to the byte."""
        if self.key is not None:
            body = response.model_dump(mode="json", exclude_none=exclude_none)
            await self._store.remember(self._session, self._subject, self.key, status_code, body)


IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Any unique string (a UUID): a retry with the same key is answered with "
        "the first response and changes nothing",
    ),
]


def idempotency_key(
    request: Request, _: CurrentPrincipal, key: IdempotencyKeyHeader = None
) -> str | None:
    """The request's Idempotency-Key header, if it sent one; a malformed one is refused, but
    only once the caller is known: without a token the answer is 401, whatever the key.

    As a dependency (`IdempotencyKey`) it declares the header in the OpenAPI document."""
    key = request.headers.get("Idempotency-Key") if key is None else key
    if key is not None and not 0 < len(key) <= MAX_KEY_LENGTH:
        raise Problem(
            ProblemType(400, "invalid-idempotency-key", "The Idempotency-Key header is invalid"),
            f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters.",
            errors=[{"field": "Idempotency-Key", "message": "1 to 255 characters"}],
        )
    return key


async def _request_idempotency_key(
    request: Request, principal: CurrentPrincipal, key: IdempotencyKeyHeader = None
) -> str | None:
    # `idempotency_key` as a coroutine: FastAPI runs a plain function dependency on a worker
    # thread, a thread hop on every request that takes the key (single payments included).
    return idempotency_key(request, principal, key)


IdempotencyKey = Annotated[str | None, Depends(_request_idempotency_key)]


async def request_fingerprint(request: Request) -> str:
    """What makes two requests the same request: method, path and (canonical) body."""
    return fingerprint(request.method, request.url.path, await request.body())


def key_reused(key: str) -> Problem:
    return Problem(
        KEY_REUSED,
        f"Idempotency-Key {key!r} was first used with another body or endpoint; "
        "use a new key for a new request.",
    )


def replayed(status_code: int, body: object) -> JSONResponse:
    """The first answer to a key, given again."""
    return JSONResponse(body, status_code=status_code, headers={"Idempotent-Replayed": "true"})


async def idempotent_request(
    request: Request, session: DbSession, principal: CurrentPrincipal, key: IdempotencyKey
) -> IdempotentRequest:
    # Without a key nothing is claimed: the body is not parsed and hashed for nothing.
    print_ = "" if key is None else await request_fingerprint(request)
    store: IdempotencyStore = request.app.state.idempotency
    return IdempotentRequest(store, session, principal.subject, key, print_)


Idempotent = Annotated[IdempotentRequest, Depends(idempotent_request)]
