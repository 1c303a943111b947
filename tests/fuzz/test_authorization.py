"""The authorization matrix: each service's table agrees with its routes, the README shows
it as it is, and every operation of every OpenAPI document answers 401 without a token, 403
to each role its table leaves out and neither to each role it admits (on the real platform).
"""

import asyncio
import re
from typing import Any

import httpx
import pytest

from ledgerflow_devstack.stack import Stack
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.web.authorization import (
    PLATFORM_AUTHORIZATION,
    UNDOCUMENTED_OPEN,
    operation_name,
    table_drift,
)

from .matrix import PACKAGES, README, readme_with_matrix, service_routes, service_table

# Requests in flight at once against the platform.
CONCURRENCY = 16


@pytest.mark.parametrize("service", list(PACKAGES))
def test_the_table_and_the_routes_agree_on_every_operation(service: str) -> None:
    assert table_drift(service_routes(service), service_table(service)) == []


def test_the_readme_shows_the_matrix_the_tables_hold() -> None:
    current = README.read_text()
    assert current == readme_with_matrix(current), "run: make authorization-matrix"


def _url(base: str, path: str, operation: dict[str, Any]) -> str:
    """The path with each parameter filled in: a record that does not exist is fine, as the
    roles are checked before anything is looked up."""
    kinds = {p["name"]: p.get("schema", {}).get("type") for p in operation.get("parameters", [])}
    return base + re.sub(
        r"\{(\w+)\}", lambda m: "1" if kinds.get(m.group(1)) == "integer" else "x", path
    )


async def _call(
    client: httpx.AsyncClient, gate: asyncio.Semaphore, method: str, url: str, token: str | None
) -> int:
    # A body that is not JSON: an admitted caller is refused with 400 (or 422 for a missing
    # parameter) and nothing is changed; the roles are checked before the body is read.
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    async with gate:
        response = await client.request(method, url, headers=headers, content=b"{")
    return response.status_code


async def test_every_operation_refuses_no_token_and_every_role_its_table_leaves_out(
    platform: Stack,
) -> None:
    tokens = {role: platform.token(role.value, subject="matrix") for role in Role}
    gate = asyncio.Semaphore(CONCURRENCY)
    wrong: list[str] = []
    checked = 0
    async with httpx.AsyncClient(timeout=30.0) as client:
        for service in PACKAGES:
            base = platform.url(service)
            table = {**PLATFORM_AUTHORIZATION, **service_table(service)}
            document = (await client.get(f"{base}/openapi.json")).json()
            for path, item in document["paths"].items():
                for method, operation in item.items():
                    name = operation_name(method, path)
                    assert name in table, (
                        f"{service}-svc: {name} is missing from its authorization table"
                    )
                    url = _url(base, path, operation)
                    callers: list[tuple[str, str | None]] = [("no token", None)]
                    callers += [(role.value, tokens[role]) for role in Role]
                    statuses = await asyncio.gather(
                        *(_call(client, gate, method, url, t) for _, t in callers)
                    )
                    checked += 1
                    for (who, _), status in zip(callers, statuses, strict=True):
                        admitted = not table[name] or (
                            who != "no token" and Role(who) in table[name]
                        )
                        if who == "no token":
                            expected_ok = not table[name]
                            ok = status not in (401, 403) if expected_ok else status == 401
                        else:
                            ok = status not in (401, 403) if admitted else status == 403
                        if not ok:
                            wrong.append(f"{service}-svc {name} as {who}: {status}")
            for open_path in UNDOCUMENTED_OPEN[:2]:
                method, path = open_path.split(" ", 1)
                assert (await client.request(method, base + path)).status_code == 200, open_path
    assert checked > 100
    assert wrong == []
