"""Issue and verify the platform's OAuth2 bearer JWTs (EdDSA)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ledgerflow_platform.auth.roles import Role

ALGORITHM = "EdDSA"
DEFAULT_ISSUER = "ledgerflow"
DEFAULT_AUDIENCE = "ledgerflow"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's subject and the roles it was granted."""

    subject: str
    roles: frozenset[Role]


class InvalidToken(Exception):
    """The bearer token is missing, expired, forged or malformed."""


def issue_token(
    private_key_pem: str | bytes,
    roles: Iterable[str],
    *,
    subject: str = "local-user",
    ttl: timedelta = timedelta(hours=12),
    issuer: str = DEFAULT_ISSUER,
    audience: str = DEFAULT_AUDIENCE,
) -> str:
    # Authorization is by role alone (each service's authorization table): no `scope` claim is
    # issued, and one a token brings from another issuer grants nothing.
    role_names = [Role(r).value for r in roles]
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "sub": subject,
        "iat": now,
        "exp": now + ttl,
        "roles": role_names,
    }
    return jwt.encode(claims, private_key_pem, algorithm=ALGORITHM)


def verify_token(
    token: str,
    public_key_pem: str | bytes | Ed25519PublicKey,
    *,
    issuer: str = DEFAULT_ISSUER,
    audience: str = DEFAULT_AUDIENCE,
) -> Principal:
    try:
        claims = jwt.decode(
            token,
            public_key_pem,
            algorithms=[ALGORITHM],
            issuer=issuer,
            audience=audience,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
    except jwt.PyJWTError as exc:
        raise InvalidToken(str(exc)) from exc
    return principal_from(claims)


def principal_from(claims: dict[str, Any]) -> Principal:
    """Who verified claims name: roles the platform does not know are ignored."""
    roles = frozenset(Role(r) for r in claims.get("roles", []) if r in Role._value2member_map_)
    return Principal(subject=str(claims["sub"]), roles=roles)
