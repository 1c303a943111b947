"""Request pieces the customer-file routes share: the vault, the reader, ETags, conflicts."""

import json
import re
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from fastapi.responses import JSONResponse

from customer_svc.adapters.personal_data_vault import PersonalDataVault
from customer_svc.adapters.resources import CustomerResources
from customer_svc.api.errors_profile import PROFILE_ERRORS
from customer_svc.domain.personal_data import Reader
from ledgerflow_platform.auth.roles import EVERY_ROLE
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.problems import PROBLEM_JSON, Problem, ProblemType, problem_response
from ledgerflow_platform.web.resources import resources_of

IF_MATCH_REQUIRED = ProblemType(428, "if-match-required", "This update needs an If-Match header")
BAD_IF_MATCH = ProblemType(400, "invalid-if-match", "The If-Match header is not an ETag we issued")
_ETAG = re.compile(r'"(\d{1,9})"')


Resources = Annotated[CustomerResources, Depends(resources_of(CustomerResources))]


def get_vault(resources: Resources) -> PersonalDataVault:
    return resources.vault


async def current_reader(
    request: Request, principal: Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]
) -> Reader:
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    return Reader(principal.subject, frozenset(principal.roles), f"{request.method} {path}")


Vault = Annotated[PersonalDataVault, Depends(get_vault)]
CurrentReader = Annotated[Reader, Depends(current_reader)]


def etag(version: int) -> str:
    return f'"{version}"'


IfMatchHeader = Annotated[
    str | None, Header(description="The ETag of the version being changed, or *")
]


def required_version(if_match: IfMatchHeader = None) -> int | None:
    """The version the client edited; None for `*` (any version will do)."""
    if if_match is None:
        raise Problem(IF_MATCH_REQUIRED, "Send If-Match with the ETag from reading it first.")
    return optional_version(if_match)


def optional_version(if_match: IfMatchHeader = None) -> int | None:
    if if_match is None or if_match.strip() == "*":
        return None
    if match := _ETAG.fullmatch(if_match.strip()):
        return int(match.group(1))
    raise Problem(BAD_IF_MATCH, f'If-Match {if_match!r} is not an ETag like "3" or *.')


IfMatch = Annotated[int | None, Depends(required_version)]
OptionalIfMatch = Annotated[int | None, Depends(optional_version)]


def conflict(request: Request, exc: DomainError, **pointer: Any) -> JSONResponse:
    """A 409 that points at the record already holding the value (RFC 9457 extension member)."""
    kind = PROFILE_ERRORS[type(exc)]
    errors = [{"field": exc.field, "message": exc.message}] if exc.field else None
    body = json.loads(bytes(problem_response(kind, exc.message, request, errors=errors).body))
    return JSONResponse({**body, **pointer}, status_code=kind.status, media_type=PROBLEM_JSON)
