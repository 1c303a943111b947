"""RFC 9457 problem details: every error a client sees, in one shape.

Each service hands `install_problem_handlers` ONE table from its domain errors to a
`ProblemType`; everything else (validation, auth, unknown routes, crashes) is mapped here.
"""

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException

from ledgerflow_events.resilience import is_transient
from ledgerflow_platform.documents.missing_font import DocumentFontMissing
from ledgerflow_platform.errors import DomainError

log = logging.getLogger(__name__)

PROBLEM_BASE = "https://ledgerflow.dev/problems/"
PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class ProblemType:
    status: int
    slug: str
    title: str


class Problem(Exception):
    """An error raised by the web layer itself (auth, idempotency, preconditions, reports).

    `members` are RFC 9457 extension members beside the standard ones: the per-row report of
    a refused import, the record a conflict points at.
    """

    def __init__(
        self,
        kind: ProblemType,
        detail: str,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        members: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.errors = errors
        self.headers = headers
        self.members = members

    def document(self, instance: str | None = None) -> dict[str, Any]:
        """The problem as RFC 9457 JSON; without `instance`, as one item of a larger answer
        (a refused payment of a batch) rather than the whole response."""
        return problem_document(
            self.kind, self.detail, instance=instance, errors=self.errors, members=self.members
        )


VALIDATION = ProblemType(422, "validation-error", "The request is not valid")
MALFORMED = ProblemType(400, "malformed-request", "The request body could not be read")
UNAUTHENTICATED = ProblemType(401, "unauthenticated", "A valid bearer token is required")
FORBIDDEN = ProblemType(403, "forbidden", "Your role may not do this")
PRECONDITION_REQUIRED = ProblemType(
    428, "precondition-required", "This update needs an If-Match header"
)
PRECONDITION_FAILED = ProblemType(
    412, "precondition-failed", "If-Match names a version since replaced: read it again"
)
BAD_PRECONDITION = ProblemType(
    400, "invalid-if-match", "The If-Match header is not an ETag we issued"
)
INTERNAL = ProblemType(500, "internal-error", "Something went wrong on our side")
UNAVAILABLE = ProblemType(
    503, "service-unavailable", "A store or service this needs is unavailable for a moment"
)
# A printed document asked for where the font that prints Chinese is not installed: the
# operator's to fix (the detail says how); JSON and CSV still work.
FONT_MISSING = ProblemType(503, "document-font-missing", "Documents cannot be printed here yet")
# Seconds a client is asked to wait before retrying while a dependency is away.
RETRY_AFTER_S = 1
_PATH_PARAMETER = re.compile(r"{[^}]*}")


def problem_response(
    kind: ProblemType,
    detail: str,
    request: Request,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    members: Mapping[str, Any] | None = None,
) -> JSONResponse:
    body = problem_document(kind, detail, instance=request.url.path, errors=errors, members=members)
    return JSONResponse(body, status_code=kind.status, media_type=PROBLEM_JSON, headers=headers)


def problem_document(
    kind: ProblemType,
    detail: str,
    *,
    instance: str | None = None,
    errors: list[dict[str, str]] | None = None,
    members: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + kind.slug,
        "title": kind.title,
        "status": kind.status,
        "detail": detail,
    }
    if instance is not None:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    if members:
        body.update(members)
    return body


def domain_problem(error: DomainError, table: Mapping[type[DomainError], ProblemType]) -> Problem:
    """How a domain error is answered: the first type of the service's table it is an instance
    of, its message, and the field it names."""
    kind = next(k for t, k in table.items() if isinstance(error, t))
    errors = [{"field": error.field, "message": error.message}] if error.field else None
    return Problem(kind, error.message, errors=errors, members=error.members())


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


def allowed_methods(request: Request) -> str:
    """`Allow` for a 405: every method of the operation the path names. Starlette names only
    the first route whose path matched, though several share one path (GET and POST
    /v1/invoices), and an id parameter also matches an action's path (GET /v1/approvals/{id}
    for /v1/approvals/7:approve): the route with the most literal text in its path is the
    operation meant."""
    path = request.scope["path"]
    matched = [
        (context.path_format, context.methods or set())
        for context in iter_route_contexts(request.app.routes)
        if context.path_format and context.methods and context.path_regex.match(path)
    ]
    if not matched:
        return ""
    meant = max(len(_PATH_PARAMETER.sub("", template)) for template, _ in matched)
    methods = {
        method
        for template, route_methods in matched
        if len(_PATH_PARAMETER.sub("", template)) == meant
        for method in route_methods
    }
    return ", ".join(sorted(methods))


def install_problem_handlers(app: FastAPI, table: Mapping[type[DomainError], ProblemType]) -> None:
    async def on_domain_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        problem = domain_problem(exc, table)
        return problem_response(
            problem.kind, problem.detail, request, errors=problem.errors, members=problem.members
        )

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(
            exc.kind,
            exc.detail,
            request,
            errors=exc.errors,
            headers=exc.headers,
            members=exc.members,
        )

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        issues = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in issues):
            return problem_response(MALFORMED, "The body is not valid JSON", request)
        errors = [{"field": _field_path(tuple(e["loc"])), "message": e["msg"]} for e in issues]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem_response(VALIDATION, detail, request, errors=errors)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        kind = ProblemType(exc.status_code, f"http-{exc.status_code}", str(exc.detail))
        headers = dict(exc.headers) if exc.headers else None
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": allowed_methods(request)}
        return problem_response(kind, str(exc.detail), request, headers=headers)

    async def on_font_missing(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return problem_response(FONT_MISSING, str(exc), request)

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        if is_transient(exc):
            # The database restarting or a neighbour not answering: worth a retry, with the
            # same Idempotency-Key, which replays the answer should the write have committed.
            log.warning("%s %s: dependency unavailable: %s", request.method, request.url.path, exc)
            return problem_response(
                UNAVAILABLE,
                "Retry shortly, with the same Idempotency-Key for a write.",
                request,
                headers={"Retry-After": str(RETRY_AFTER_S)},
            )
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(INTERNAL, "The request failed; it changed nothing.", request)

    for error_type in table:
        app.add_exception_handler(error_type, on_domain_error)
    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(DocumentFontMissing, on_font_missing)
    app.add_exception_handler(Exception, on_crash)
