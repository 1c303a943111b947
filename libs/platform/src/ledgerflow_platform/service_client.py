"""Calls to another Ledgerflow service over REST: the rare synchronous reads the architecture
allows (collections reading a dunning recipient, the ledger asking about a customer it has not
heard of, reporting reading the ledger's balance).

Each call has a timeout, retries transient failures with backoff and jitter, and ends in a
clear `UpstreamUnavailable` (503 to a client) rather than a hang. It authenticates as the
calling service (role `service`), or forwards the caller's own token where the read serves a
person, so the other service masks and audits as for that person.
"""

import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from ledgerflow_platform.auth.tokens import issue_token
from ledgerflow_platform.errors import DomainError

# A service token is renewed this long before it expires.
RENEW_BEFORE_S = 60.0
SERVICE_TOKEN_TTL = timedelta(minutes=15)


class UpstreamUnavailable(DomainError):
    """Another service did not answer in time, after retries."""

    def __init__(self, service: str, reason: str) -> None:
        super().__init__(f"{service} did not answer ({reason}); try again shortly.")
        self.service = service


@dataclass(frozen=True)
class UpstreamRefused(Exception):
    """Another service answered with a client error (4xx): the call itself was wrong or the
    thing asked about does not exist; not retried."""

    service: str
    status_code: int
    body: Any


class ServiceCredentials:
    """The calling service's own bearer tokens, signed with the key the platform's issuer
    trusts for services, renewed before they expire."""

    def __init__(self, private_key_pem: str, *, subject: str, issuer: str, audience: str) -> None:
        self._key = private_key_pem
        self._subject = subject
        self._issuer = issuer
        self._audience = audience
        self._token: tuple[str, float] | None = None

    @classmethod
    def from_key_file(
        cls, path: Path, *, service: str, issuer: str, audience: str
    ) -> "ServiceCredentials":
        return cls(path.read_text(), subject=f"{service}-svc", issuer=issuer, audience=audience)

    def token(self) -> str:
        now = time.time()
        if self._token is None or self._token[1] - RENEW_BEFORE_S < now:
            token = issue_token(
                self._key,
                ["service"],
                subject=self._subject,
                ttl=SERVICE_TOKEN_TTL,
                issuer=self._issuer,
                audience=self._audience,
            )
            self._token = (token, now + SERVICE_TOKEN_TTL.total_seconds())
        return self._token[0]


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, httpx.TransportError):
        return True
    return isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code >= 500


class ServiceClient:
    """JSON over HTTP to one other service. Build once (in the service's resources), close at
    the end."""

    def __init__(
        self,
        service: str,
        base_url: str,
        credentials: ServiceCredentials | None,
        *,
        timeout_s: float = 5.0,
        attempts: int = 3,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.service = service
        self._credentials = credentials
        self._attempts = attempts
        self._http = httpx.AsyncClient(
            base_url=base_url, timeout=httpx.Timeout(timeout_s), transport=transport
        )

    async def get(
        self, path: str, *, params: dict[str, Any] | None = None, on_behalf_of: str | None = None
    ) -> httpx.Response:
        """GET `path` as this service, or with the caller's bearer token `on_behalf_of`; a
        2xx response, else UpstreamRefused (4xx) or UpstreamUnavailable (after retries)."""
        return await self.request("GET", path, params=params, on_behalf_of=on_behalf_of)

    async def post(
        self, path: str, *, json: Any = None, on_behalf_of: str | None = None
    ) -> httpx.Response:
        return await self.request("POST", path, json=json, on_behalf_of=on_behalf_of)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        data: dict[str, str] | None = None,
        on_behalf_of: str | None = None,
        timeout_s: float | None = None,
    ) -> httpx.Response:
        """`files`: a multipart form's files, field -> (filename, content, media type), and
        `data` its other fields;
        `timeout_s`: this call's own timeout, for work the upstream takes longer over.

        Only reads are tried again after a timeout or a 5xx: a POST that timed out may still
        have been carried out, and sending it again could do it twice."""
        attempts = self._attempts if method in _SAFE_TO_REPEAT else 1
        timeout = httpx.Timeout(timeout_s) if timeout_s is not None else httpx.USE_CLIENT_DEFAULT
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(attempts),
                wait=wait_exponential_jitter(multiplier=0.1, max=2.0),
                retry=retry_if_exception(_transient),
                reraise=True,
            ):
                with attempt:
                    response = await self._http.request(
                        method,
                        path,
                        params=params,
                        json=json,
                        files=files,
                        data=data,
                        headers=self._auth(on_behalf_of),
                        timeout=timeout,
                    )
                    response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code >= 500:
                raise UpstreamUnavailable(self.service, f"{exc.response.status_code}") from exc
            raise UpstreamRefused(
                self.service, exc.response.status_code, _body(exc.response)
            ) from exc
        except httpx.TransportError as exc:
            raise UpstreamUnavailable(self.service, type(exc).__name__) from exc
        return response

    def _auth(self, on_behalf_of: str | None) -> dict[str, str]:
        if on_behalf_of is not None:
            return {"Authorization": f"Bearer {on_behalf_of}"}
        if self._credentials is None:
            return {}
        return {"Authorization": f"Bearer {self._credentials.token()}"}

    async def aclose(self) -> None:
        await self._http.aclose()


_SAFE_TO_REPEAT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text
