"""Verifies bearer tokens against a static public key, an identity provider's JWKS, or both,
and remembers the result until the token expires.

Only EdDSA, RS256 and ES256 are accepted, and each key only with the algorithm of its own
type: a token cannot choose `none`, nor HS256 with a public key as its secret, nor RS256
with the EC key. A token naming a key id (`kid`) is checked with that key from the JWKS,
fetched once and cached (PyJWKClient); one without is checked with the static key.

Signature verification is a measurable share of a request's CPU; clients send the same token
for many requests, so a verified token is cached (bounded, and never past its own expiry).
"""

import asyncio
import time
from collections import OrderedDict
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, EllipticCurvePublicKey
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from ledgerflow_events.resilience import DependencyUnavailable
from ledgerflow_platform.auth.tokens import InvalidToken, Principal, principal_from

MAX_CACHED_TOKENS = 10_000
ALLOWED_ALGORITHMS = frozenset({"EdDSA", "RS256", "ES256"})
_JWKS_TIMEOUT_S = 5


def algorithm_for(key: Any) -> str:
    """The one algorithm a key may verify."""
    if isinstance(key, Ed25519PublicKey):
        return "EdDSA"
    if isinstance(key, RSAPublicKey):
        return "RS256"
    if isinstance(key, EllipticCurvePublicKey) and isinstance(key.curve, SECP256R1):
        return "ES256"
    raise ValueError(f"a {type(key).__name__} cannot verify tokens: use Ed25519, RSA or EC P-256")


class TokenVerifier:
    def __init__(
        self,
        public_key_pem: str | None = None,
        *,
        jwks_url: str | None = None,
        jwks_cache_s: int = 300,
        issuer: str,
        audience: str,
    ) -> None:
        if public_key_pem is None and jwks_url is None:
            raise ValueError("tokens need a public key, a JWKS URL, or both to be verified")
        self._static = load_pem_public_key(public_key_pem.encode()) if public_key_pem else None
        if self._static is not None:
            algorithm_for(self._static)  # refuse an unusable key at start-up
        self._jwks = (
            jwt.PyJWKClient(
                jwks_url, cache_keys=True, lifespan=jwks_cache_s, timeout=_JWKS_TIMEOUT_S
            )
            if jwks_url
            else None
        )
        self.issuer = issuer
        self.audience = audience
        self._verified: OrderedDict[str, tuple[Principal, float]] = OrderedDict()

    async def verify(self, token: str) -> Principal:
        cached = self._verified.get(token)
        if cached is not None and cached[1] > time.time():
            return cached[0]
        key = await self._key_for(token)
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[algorithm_for(key)],
                issuer=self.issuer,
                audience=self.audience,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        principal = principal_from(claims)
        self._verified[token] = (principal, float(claims["exp"]))
        if len(self._verified) > MAX_CACHED_TOKENS:
            self._verified.popitem(last=False)
        return principal

    async def _key_for(self, token: str) -> Any:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        if header.get("alg") not in ALLOWED_ALGORITHMS:
            raise InvalidToken(f"the algorithm {header.get('alg')!r} is not accepted")
        if "kid" not in header or self._jwks is None:
            if self._static is None:
                raise InvalidToken("the token names no key id (kid) of the issuer's JWKS")
            return self._static
        try:
            # PyJWKClient fetches with urllib, blocking: not on the event loop.
            signing = await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)
        except jwt.PyJWKClientConnectionError as exc:
            raise DependencyUnavailable(f"the JWKS could not be fetched: {exc}") from exc
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        return signing.key


__all__ = ["ALLOWED_ALGORITHMS", "InvalidToken", "TokenVerifier"]
