"""Verifies bearer tokens once and remembers the result until the token expires.

Signature verification is a measurable share of a request's CPU; clients send the same token
for many requests, so a verified token is cached (bounded, and never past its own expiry).
"""

import time
from collections import OrderedDict

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from ledgerflow_platform.auth.tokens import InvalidToken, Principal, verify_token

MAX_CACHED_TOKENS = 10_000


class TokenVerifier:
    def __init__(self, public_key_pem: str, *, issuer: str, audience: str) -> None:
        key = load_pem_public_key(public_key_pem.encode())
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("bearer tokens are verified with an Ed25519 public key")
        self._key = key
        self.issuer = issuer
        self.audience = audience
        self._verified: OrderedDict[str, tuple[Principal, float]] = OrderedDict()

    def verify(self, token: str) -> Principal:
        cached = self._verified.get(token)
        if cached is not None and cached[1] > time.time():
            return cached[0]
        principal = verify_token(token, self._key, issuer=self.issuer, audience=self.audience)
        expires = float(jwt.decode(token, options={"verify_signature": False})["exp"])
        self._verified[token] = (principal, expires)
        if len(self._verified) > MAX_CACHED_TOKENS:
            self._verified.popitem(last=False)
        return principal


__all__ = ["InvalidToken", "TokenVerifier"]
