"""The whole platform as real processes, driven only through REST and Kafka."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ledgerflow_devstack.stack import Stack


class Api:
    """REST calls to the running services, each with a token of the given role."""

    def __init__(self, platform: Stack, client: httpx.AsyncClient) -> None:
        self.platform = platform
        self.client = client
        self._tokens: dict[str, str] = {}

    def auth(self, role: str) -> dict[str, str]:
        if role not in self._tokens:
            self._tokens[role] = self.platform.token(role)
        return {"Authorization": f"Bearer {self._tokens[role]}"}

    async def post(
        self,
        service: str,
        path: str,
        body: dict[str, Any],
        *,
        role: str = "admin",
        key: str | None = None,
    ) -> httpx.Response:
        headers = self.auth(role) | ({"Idempotency-Key": key} if key else {})
        return await self.client.post(self.platform.url(service) + path, json=body, headers=headers)

    async def get(
        self, service: str, path: str, *, role: str = "admin", **params: Any
    ) -> httpx.Response:
        return await self.client.get(
            self.platform.url(service) + path, params=params, headers=self.auth(role)
        )


@pytest.fixture
async def api(platform: Stack) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(timeout=15.0) as client:
        yield Api(platform, client)
