"""Tokens from an identity provider that publishes its keys as a JWKS: RS256, ES256 and
EdDSA accepted by key id, fetched once, and no algorithm trick gets a token through."""

import base64
import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from ledgerflow_events.resilience import DependencyUnavailable
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import InvalidToken
from ledgerflow_platform.auth.verifier import TokenVerifier
from ledgerflow_platform.testing import KeyPair

ISSUER = "https://idp.example.com/"
AUDIENCE = "ledgerflow-api"
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())
ED_KEY = ed25519.Ed25519PrivateKey.generate()
KEYS: dict[str, tuple[Any, str]] = {
    "rsa-2026": (RSA_KEY, "RS256"),
    "ec-2026": (EC_KEY, "ES256"),
    "ed-2026": (ED_KEY, "EdDSA"),
}


def jwk(kid: str, key: Any, alg: str) -> dict[str, Any]:
    algorithm = {"RS256": jwt.algorithms.RSAAlgorithm, "ES256": jwt.algorithms.ECAlgorithm}.get(
        alg, jwt.algorithms.OKPAlgorithm
    )
    public: dict[str, Any] = json.loads(algorithm.to_jwk(key.public_key()))
    return {**public, "kid": kid, "alg": alg, "use": "sig"}


class IdentityProvider(ThreadingHTTPServer):
    """A real HTTP server publishing the JWKS, counting how often it is asked."""

    fetches = 0


class JwksHandler(BaseHTTPRequestHandler):
    server: IdentityProvider

    def do_GET(self) -> None:
        self.server.fetches += 1
        body = json.dumps({"keys": [jwk(kid, k, a) for kid, (k, a) in KEYS.items()]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture
def idp() -> Iterator[IdentityProvider]:
    server = IdentityProvider(("127.0.0.1", 0), JwksHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def verifier(idp: IdentityProvider, static: str | None = None) -> TokenVerifier:
    url = f"http://127.0.0.1:{idp.server_address[1]}/.well-known/jwks.json"
    return TokenVerifier(static, jwks_url=url, issuer=ISSUER, audience=AUDIENCE)


def claims(**changes: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    base = {"iss": ISSUER, "aud": AUDIENCE, "sub": "erin", "iat": now}
    return {**base, "exp": now + timedelta(minutes=5), "roles": ["accountant"], **changes}


def token(kid: str, **changes: Any) -> str:
    key, alg = KEYS[kid]
    return jwt.encode(claims(**changes), key, algorithm=alg, headers={"kid": kid})


@pytest.mark.parametrize("kid", ["rsa-2026", "ec-2026", "ed-2026"])
async def test_a_token_signed_with_a_published_key_is_accepted(
    idp: IdentityProvider, kid: str
) -> None:
    principal = await verifier(idp).verify(token(kid))
    assert (principal.subject, principal.roles) == ("erin", frozenset({Role.ACCOUNTANT}))


async def test_the_key_set_is_fetched_once_for_many_tokens(idp: IdentityProvider) -> None:
    check = verifier(idp)
    for n in range(6):
        await check.verify(token(list(KEYS)[n % 3], sub=f"user-{n}"))
    assert idp.fetches == 1


async def test_issuer_and_audience_must_be_the_configured_ones(idp: IdentityProvider) -> None:
    with pytest.raises(InvalidToken, match="Audience doesn't match"):
        await verifier(idp).verify(token("rsa-2026", aud="someone-else"))
    with pytest.raises(InvalidToken, match="Invalid issuer"):
        await verifier(idp).verify(token("ec-2026", iss="https://evil.example.com/"))


async def test_a_token_with_no_signature_is_refused(idp: IdentityProvider) -> None:
    unsigned = jwt.encode(claims(), key=None, algorithm="none", headers={"kid": "rsa-2026"})
    with pytest.raises(InvalidToken, match="'none' is not accepted"):
        await verifier(idp).verify(unsigned)


async def test_hs256_with_the_public_key_as_its_secret_is_refused(idp: IdentityProvider) -> None:
    public_pem = RSA_KEY.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    # PyJWT refuses to sign with a PEM as an HMAC secret, so the token is forged by hand.
    forged = _hs256(claims(), public_pem, kid="rsa-2026")
    with pytest.raises(InvalidToken, match="'HS256' is not accepted"):
        await verifier(idp, static=public_pem.decode()).verify(forged)


async def test_a_key_verifies_with_its_own_algorithm_only(idp: IdentityProvider) -> None:
    # Signed by the RSA key, but pointing at the EC key's id.
    mismatched = jwt.encode(claims(), RSA_KEY, algorithm="RS256", headers={"kid": "ec-2026"})
    with pytest.raises(InvalidToken):
        await verifier(idp).verify(mismatched)


async def test_an_unknown_key_id_is_refused(idp: IdentityProvider) -> None:
    stranger = ec.generate_private_key(ec.SECP256R1())
    forged = jwt.encode(claims(), stranger, algorithm="ES256", headers={"kid": "ec-2099"})
    with pytest.raises(InvalidToken):
        await verifier(idp).verify(forged)


async def test_the_static_key_still_verifies_tokens_without_a_key_id(
    idp: IdentityProvider,
) -> None:
    local = KeyPair.generate()
    check = verifier(idp, static=local.public_pem)
    signed = jwt.encode(claims(), local.private_pem, algorithm="EdDSA")
    assert (await check.verify(signed)).subject == "erin"
    assert (await check.verify(token("rsa-2026"))).subject == "erin"


def _hs256(payload: dict[str, Any], secret: bytes, *, kid: str) -> str:
    def part(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = part(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
    body = part(json.dumps(payload, default=lambda d: int(d.timestamp())).encode())
    signature = hmac.new(secret, f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{part(signature)}"


async def test_a_key_set_that_cannot_be_fetched_is_an_outage_not_a_refusal() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/jwks.json"
    check = TokenVerifier(jwks_url=url, issuer=ISSUER, audience=AUDIENCE)
    with pytest.raises(DependencyUnavailable):
        await check.verify(token("ec-2026"))
