"""The OpenAPI document, made to tell the truth about what every operation answers.

FastAPI documents its own 422 body and `application/json` for everything; our errors are all
RFC 9457 problems (web/problems.py). Once the document is built, every operation is given:
- the shared `Problem` schema, as `application/problem+json`, for each error it can answer:
  401 and 403 where it needs a token, 400 and 422 where it takes input, 404 where its path
  or body names a record, 409 where it writes, 412 and 428 where it reads If-Match, 503 everywhere a
  store or neighbour may be away, and whatever the route itself declares (`problems(...)`);
- `Idempotency-Key` and `If-Match` as header parameters where they are read (declared by the
  dependencies that read them, web/deps.py and web/preconditions.py);
- an example for each successful response (operation_examples.py).
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel, ConfigDict, Field
from starlette.routing import BaseRoute

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.web.auth import RoleCheck, current_principal
from ledgerflow_platform.web.operation_examples import example_of
from ledgerflow_platform.web.preconditions import required_if_match
from ledgerflow_platform.web.problems import (
    FORBIDDEN,
    MALFORMED,
    PRECONDITION_FAILED,
    PRECONDITION_REQUIRED,
    PROBLEM_BASE,
    PROBLEM_JSON,
    UNAUTHENTICATED,
    UNAVAILABLE,
    VALIDATION,
    ProblemType,
)

PROBLEM_REF = "#/components/schemas/Problem"
HEALTH_TAG = "health"
WRITES = frozenset({"post", "put", "patch", "delete"})
NOT_FOUND = ProblemType(404, "not-found", "No such record")
CONFLICT = ProblemType(409, "conflict", "The request conflicts with the record's state")
# One example per documented error status: what a client sees, from the platform's own types.
EXAMPLE_PROBLEMS: dict[int, tuple[ProblemType, str]] = {
    400: (MALFORMED, "The body is not valid JSON"),
    401: (UNAUTHENTICATED, "Send an Authorization: Bearer <token> header."),
    403: (FORBIDDEN, "This needs one of the roles: admin."),
    404: (NOT_FOUND, "No such record: check the id."),
    409: (CONFLICT, "The record's state does not allow this."),
    412: (PRECONDITION_FAILED, 'If-Match "2" names a version since replaced.'),
    422: (VALIDATION, "amount: String should match pattern"),
    428: (PRECONDITION_REQUIRED, "Send If-Match with the ETag from reading it first."),
    503: (UNAVAILABLE, "Retry shortly, with the same Idempotency-Key for a write."),
}
_DEFAULT_DESCRIPTIONS = {
    400: "The request could not be read (malformed body, cursor or header)",
    401: "No valid bearer token",
    403: "The token's roles may not do this",
    404: "No such record",
    409: "The record's state does not allow this",
    412: "If-Match names a version since replaced",
    406: "Accept names no representation this operation serves",
    413: "The upload is too large",
    415: "The upload is not a form",
    422: "A field is not valid; `errors` names each",
    428: "If-Match is required",
    503: "A store or service this needs is away for a moment; retry",
}


class ProblemField(BaseModel):
    """One field a problem names, and what is wrong with it."""

    model_config = ConfigDict(extra="allow")
    field: str
    message: str


class ProblemDetails(BaseModel):
    """An RFC 9457 problem: every error answer, as `application/problem+json`."""

    model_config = ConfigDict(
        extra="allow",
        title="Problem",
        json_schema_extra={
            "examples": [
                {
                    "type": PROBLEM_BASE + VALIDATION.slug,
                    "title": VALIDATION.title,
                    "status": 422,
                    "detail": "amount: String should match pattern",
                    "instance": "/v1/payments",
                    "errors": [{"field": "amount", "message": "String should match pattern"}],
                }
            ]
        },
    )
    type: str = Field(description="A URI naming the kind of problem")
    title: str
    status: int = Field(ge=400, le=599)
    detail: str = Field(description="What went wrong with this request, and what to do")
    instance: str | None = Field(default=None, description="The path the request was for")
    errors: list[ProblemField] | None = Field(default=None, description="Each field at fault")


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """A route's `responses=` for errors it answers beyond those the platform infers."""
    return {
        status: {"description": _DEFAULT_DESCRIPTIONS.get(status, "Refused")} for status in statuses
    }


def install_truthful_openapi(app: FastAPI) -> None:
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = build()
        tell_the_truth(document, app.routes)
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def tell_the_truth(document: dict[str, Any], routes: Sequence[BaseRoute]) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    problem = ProblemDetails.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    for route, method, operation in operations(document, routes):
        if HEALTH_TAG in operation.get("tags", []):
            continue  # the probes answer plain JSON, 503 included, and document it themselves
        calls = list(dependency_calls(route.dependant))
        if required_if_match in calls:
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "If-Match":
                    parameter["required"] = True
        for status in inferred_statuses(method, operation, calls):
            operation["responses"].setdefault(str(status), {})
        _document_problems(operation)
        _give_examples(operation, schemas)


def operations(
    document: dict[str, Any], routes: Sequence[BaseRoute]
) -> Iterator[tuple[APIRoute, str, dict[str, Any]]]:
    """Each documented operation with the route that serves it."""
    paths = document.get("paths", {})
    for route, path in api_routes(routes):
        for method in sorted(route.methods or ()):
            operation = paths.get(path, {}).get(method.lower())
            if operation is not None:
                yield route, method.lower(), operation


def api_routes(routes: Sequence[BaseRoute]) -> Iterator[tuple[APIRoute, str]]:
    """Every API route of an app, with the path it is served at (included routers unfolded)."""
    for context in iter_route_contexts(routes):
        route = context.original_route
        if isinstance(route, APIRoute) and route.include_in_schema:
            yield route, context.path_format or route.path_format


def dependency_calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    """Every dependency a route runs, however deeply nested."""
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from dependency_calls(dependency)


def route_roles(route: APIRoute) -> frozenset[str] | None:
    """The roles a route admits (every role check must pass): all of them where it only asks
    for a token, None where it asks for none."""
    calls = list(dependency_calls(route.dependant))
    checks = [call for call in calls if isinstance(call, RoleCheck)]
    if not checks:
        return frozenset(Role) if current_principal in calls else None
    admitted = frozenset.intersection(*(frozenset(c.allowed) for c in checks))
    return frozenset(role.value for role in admitted)


def inferred_statuses(
    method: str, operation: dict[str, Any], calls: Sequence[Callable[..., Any]]
) -> set[int]:
    statuses = {503}
    parameters = operation.get("parameters", [])
    takes_input = bool(parameters) or "requestBody" in operation
    if operation.get("security"):
        statuses |= {401, 403}
    if takes_input:
        statuses |= {400, 422}
    if any(p["in"] == "path" for p in parameters) or "requestBody" in operation:
        statuses.add(404)  # the record its path or body names
    if method in WRITES:
        statuses.add(409)
    if any(p["in"] == "header" and p["name"] == "If-Match" for p in parameters):
        statuses.add(412)
    if required_if_match in calls:
        statuses.add(428)
    return statuses


def _problem_content(status: int) -> dict[str, Any]:
    kind, detail = EXAMPLE_PROBLEMS.get(status, (ProblemType(status, "refused", "Refused"), ""))
    example = {
        "type": PROBLEM_BASE + kind.slug,
        "title": kind.title,
        "status": status,
        "detail": detail or kind.title,
    }
    return {PROBLEM_JSON: {"schema": {"$ref": PROBLEM_REF}, "example": example}}


def _is_placeholder(content: dict[str, Any] | None) -> bool:
    """FastAPI's own error body, or the empty schema it gives a response declared bare."""
    if not content:
        return True
    if list(content) != ["application/json"]:
        return False
    schema = content["application/json"].get("schema", {})
    return schema in ({}, {"$ref": "#/components/schemas/HTTPValidationError"})


def _document_problems(operation: dict[str, Any]) -> None:
    for code, response in operation["responses"].items():
        if not code.isdigit() or int(code) < 400:
            continue
        content = response.get("content")
        if _is_placeholder(content):
            response["content"] = _problem_content(int(code))
        elif content is not None and "application/json" in content:
            # A route's own model for an error (an import's report) is still sent as a problem,
            # and the platform's problems (a reused Idempotency-Key) share the status.
            media = content.pop("application/json")
            media["schema"] = {"anyOf": [media.get("schema", {}), {"$ref": PROBLEM_REF}]}
            content[PROBLEM_JSON] = media
        if response.get("description") in (None, "", "Validation Error"):
            response["description"] = _DEFAULT_DESCRIPTIONS.get(int(code), "Refused")
    operation["responses"] = dict(sorted(operation["responses"].items()))


def _give_examples(operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    for code, response in operation["responses"].items():
        if not code.startswith("2"):
            continue
        for media in response.get("content", {}).values():
            if "example" in media or "examples" in media or "schema" not in media:
                continue
            media["example"] = example_of(media["schema"], schemas)
