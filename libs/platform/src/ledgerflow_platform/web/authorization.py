"""Authorization matrices: which roles may call which operation, one table per service.

Each service keeps its table in `api/authorization.py`, next to its routes, keyed by
"METHOD /path" as the OpenAPI document names the operation. The routes enforce roles with
`require_roles`; `table_drift` compares the two, so a route whose roles change, or a new
route, fails the build until its table says the same (tests/fuzz/test_authorization.py also
checks every operation over HTTP: 401 with no token, 403 for each role the table leaves out).

Probes, `/metrics` and `/openapi.json` are open on purpose: an orchestrator or Prometheus
calls them without a token, and they tell nothing about any customer.
"""

from collections.abc import Iterator, Mapping, Sequence

from fastapi import FastAPI
from starlette.routing import BaseRoute

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.web.openapi import api_routes, route_roles

AuthorizationTable = Mapping[str, frozenset[Role]]
"""'METHOD /path' -> the roles admitted; OPEN for an operation that needs no token."""

OPEN: frozenset[Role] = frozenset()
EVERYONE: frozenset[Role] = frozenset(Role)

# The platform's own operations, in every service.
PLATFORM_AUTHORIZATION: AuthorizationTable = {
    "GET /health/live": OPEN,
    "GET /health/ready": OPEN,
    # A consumer rebuilding its projections asks with its own service credentials.
    "POST /v1/admin/outbox:replay": frozenset({Role.ADMIN, Role.SERVICE}),
    "GET /v1/admin/dead-letters": frozenset({Role.ADMIN}),
    "POST /v1/admin/dead-letters/{dead_letter_id}:redrive": frozenset({Role.ADMIN}),
}
# Served outside the OpenAPI document, open on purpose (see above).
UNDOCUMENTED_OPEN = ("GET /metrics", "GET /openapi.json", "GET /docs", "GET /redoc")


def operation_name(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def declared_roles(routes: Sequence[BaseRoute]) -> Iterator[tuple[str, frozenset[Role]]]:
    """Each documented operation and the roles its route admits (OPEN when it checks none)."""
    for route, path in api_routes(routes):
        roles = route_roles(route)
        admitted = OPEN if roles is None else frozenset(Role(r) for r in roles)
        for method in sorted(route.methods or ()):
            yield operation_name(method, path), admitted


def table_drift(app: FastAPI, table: AuthorizationTable) -> list[str]:
    """Every way the service's table and its routes disagree, each naming the operation."""
    full = {**PLATFORM_AUTHORIZATION, **table}
    routes = dict(declared_roles(app.routes))
    problems = [
        f"{name} is missing from the authorization table (api/authorization.py); "
        f"its route admits: {_names(roles)}"
        for name, roles in routes.items()
        if name not in full
    ]
    problems += [
        f"{name} is in the authorization table but no route serves it"
        for name in full
        if name not in routes
    ]
    problems += [
        f"{name}: the table admits {_names(full[name])} but the route admits {_names(roles)}"
        for name, roles in routes.items()
        if name in full and full[name] != roles
    ]
    return problems


def _names(roles: frozenset[Role]) -> str:
    return ", ".join(sorted(r.value for r in roles)) or "anyone (open)"
