"""Bearer-token authentication and role checks as FastAPI dependencies."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import InvalidToken, Principal
from ledgerflow_platform.auth.verifier import TokenVerifier
from ledgerflow_platform.web.observability import ACCESS
from ledgerflow_platform.web.problems import FORBIDDEN, UNAUTHENTICATED, Problem

_bearer = HTTPBearer(auto_error=False, description="A JWT from the platform's issuer")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise Problem(
            UNAUTHENTICATED, "Send an Authorization: Bearer <token> header.", headers=_CHALLENGE
        )
    verifier: TokenVerifier = request.app.state.auth
    try:
        principal = await verifier.verify(credentials.credentials)
    except InvalidToken as exc:
        raise Problem(
            UNAUTHENTICATED, f"The bearer token was refused: {exc}", headers=_CHALLENGE
        ) from exc
    # The access log names who called: the subject only, never the token.
    access = request.scope.get(ACCESS)
    if access is not None:
        access["subject"] = principal.subject
    return principal


class RoleCheck:
    """A dependency admitting only principals holding one of `allowed`; the authorization
    matrix reads `allowed` back from each route (web/authorization.py)."""

    def __init__(self, allowed: frozenset[Role]) -> None:
        self.allowed = allowed

    async def __call__(
        self, principal: Annotated[Principal, Depends(current_principal)]
    ) -> Principal:
        if not principal.roles & self.allowed:
            names = ", ".join(sorted(r.value for r in self.allowed))
            raise Problem(FORBIDDEN, f"This needs one of the roles: {names}.")
        return principal


def require_roles(*allowed: Role) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting only principals holding one of `allowed`."""
    return RoleCheck(frozenset(allowed))
