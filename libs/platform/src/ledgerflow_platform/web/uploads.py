"""Reading an uploaded file: refused as soon as it passes its cap, never held beyond it.

FastAPI's `UploadFile` parameters parse (and spool) the whole body before a route runs; a
route that reads the request itself with `read_upload` stops counting bytes at the cap, so an
oversized or endless upload costs at most the cap.

A route whose form has fields beside the file describes them as a model: `form_body(Form)`
documents the body (ServiceSpec.upload_forms publishes the model), `form_fields(Form, upload)`
validates them, refusing a bad one as FastAPI refuses a bad Form parameter.
"""

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ValidationError, WithJsonSchema
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from ledgerflow_platform.web.problems import Problem, ProblemType

FILE_FIELD = "file"
# Room for the multipart framing and the few small fields beside the file.
FRAMING_BYTES = 64 * 1024
MAX_FIELDS = 10

FILE_TOO_LARGE = ProblemType(413, "file-too-large", "The file is too large")
MALFORMED_UPLOAD = ProblemType(400, "malformed-upload", "The upload could not be read")
UNSUPPORTED_UPLOAD = ProblemType(415, "unsupported-media-type", "Upload the file as a form")


Form = TypeVar("Form", bound=BaseModel)

FileContent = Annotated[
    bytes, WithJsonSchema({"type": "string", "contentMediaType": "application/octet-stream"})
]
"""The `file` field of a form model: the content read, documented as FastAPI documents an
UploadFile parameter."""


@dataclass(frozen=True)
class Upload:
    """The file a user uploaded, the name it came with, and the form's other fields."""

    content: bytes
    filename: str | None
    fields: dict[str, str] = field(default_factory=dict)


def file_too_large(max_bytes: int) -> Exception:
    limit = f"{max_bytes // 2**20} MB" if max_bytes >= 2**20 else f"{max_bytes} bytes"
    return Problem(FILE_TOO_LARGE, f"Upload at most {limit}; split the file.")


async def _capped(
    chunks: AsyncIterator[bytes], cap: int, too_large: Callable[[], Exception]
) -> AsyncGenerator[bytes, None]:
    # Content-Length may be absent (chunked) or wrong: count what really arrives.
    received = 0
    async for chunk in chunks:
        received += len(chunk)
        if received > cap:
            raise too_large()
        yield chunk


async def read_upload(
    request: Request,
    *,
    max_bytes: int,
    raw_types: Collection[str] = (),
    too_large: Callable[[int], Exception] = file_too_large,
    what: str = "the file",
    unsupported: Callable[[str], Exception] | None = None,
    missing_file: Callable[[], Exception] | None = None,
) -> Upload:
    """The uploaded file: a multipart/form-data `file` field, or the whole body when its media
    type is one of `raw_types` (e.g. text/csv). `too_large(max_bytes)` is raised the moment the
    upload passes `max_bytes`; `unsupported(media_type)` for a body of another type and
    `missing_file()` for a form without the file replace the default refusals (415, and 400
    naming the field) where a route keeps answers of its own."""
    cap = max_bytes + FRAMING_BYTES

    def refuse() -> Exception:
        return too_large(max_bytes)

    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise refuse()
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = _capped(request.stream(), cap, refuse)
    upload: Upload | None
    if media_type in raw_types:
        upload = Upload(b"".join([chunk async for chunk in body]), None)
    elif media_type == "multipart/form-data":
        upload = await _read_form(request, body)
    elif unsupported is not None:
        raise unsupported(media_type)
    else:
        accepted = ", ".join(["multipart/form-data", *raw_types])
        raise Problem(
            UNSUPPORTED_UPLOAD,
            f"Send {what} as {accepted}, not {media_type or 'a body without a type'}.",
        )
    if upload is None:
        raise missing_file() if missing_file is not None else _missing(what)
    if len(upload.content) > max_bytes:
        raise refuse()
    return upload


def _missing(what: str) -> Problem:
    return Problem(
        MALFORMED_UPLOAD,
        f"Send {what} as a file in the {FILE_FIELD!r} field.",
        errors=[{"field": FILE_FIELD, "message": f"{what} is required"}],
    )


async def _read_form(request: Request, body: AsyncGenerator[bytes, None]) -> Upload | None:
    """The form's file and fields; None for a form without the file."""
    parser = MultiPartParser(request.headers, body, max_files=1, max_fields=MAX_FIELDS)
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise Problem(MALFORMED_UPLOAD, exc.message) from exc
    try:
        upload = form.get(FILE_FIELD)
        if not isinstance(upload, UploadFile):
            return None
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        return Upload(await upload.read(), upload.filename, fields)
    finally:
        await form.close()


def file_required() -> RequestValidationError:
    """The refusal of a form without its file, as FastAPI words it for a File parameter."""
    return RequestValidationError(
        [{"type": "missing", "loc": ("body", FILE_FIELD), "msg": "Field required", "input": None}]
    )


def form_fields(form: type[Form], upload: Upload) -> Form:
    """The upload's form, validated as `form` (whose `file` field takes the content); a bad
    field is refused as FastAPI refuses a bad Form parameter: 422, naming it."""
    try:
        return form.model_validate({**upload.fields, FILE_FIELD: upload.content})
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False)
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in errors]) from exc


def form_body(form: type[BaseModel]) -> dict[str, Any]:
    """The `openapi_extra` of a route that reads a multipart form itself: the body documented as
    `form` (list it in ServiceSpec.upload_forms), with the 422 a bad field gets, as FastAPI
    documents File and Form parameters."""
    schema = {"$ref": f"#/components/schemas/{schema_name(form)}"}
    invalid = {"$ref": "#/components/schemas/HTTPValidationError"}
    return {
        "requestBody": {"content": {"multipart/form-data": {"schema": schema}}, "required": True},
        "responses": {
            "422": {
                "description": "Validation Error",
                "content": {"application/json": {"schema": invalid}},
            }
        },
    }


def schema_name(model: type[BaseModel]) -> str:
    """The name a model is published under: its title, else its class name."""
    return model.model_config.get("title") or model.__name__


def publish_forms(app: FastAPI, forms: Sequence[type[BaseModel]]) -> None:
    """List `forms` among the app's OpenAPI schemas, each rendered exactly as FastAPI renders a
    model a route takes (the routes that read them point at them: form_body)."""
    if not forms:
        return
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = build()
        components = document.setdefault("components", {})
        schemas = {**_rendered(forms), **components.get("schemas", {})}
        components["schemas"] = dict(sorted(schemas.items()))
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _rendered(forms: Sequence[type[BaseModel]]) -> dict[str, Any]:
    """The forms' schemas (and those they refer to) from FastAPI itself, by their names."""
    router = APIRouter()
    for n, form in enumerate(forms):
        router.add_api_route(f"/{n}", _taking(form), methods=["POST"])
    rendered: dict[str, Any] = get_openapi(title="", version="", routes=router.routes)
    schemas: dict[str, Any] = rendered["components"]["schemas"]
    for form in forms:
        schemas[schema_name(form)] = schemas.pop(form.__name__)
    return schemas


def _taking(form: type[BaseModel]) -> Callable[..., Awaitable[None]]:
    async def documented(body: form) -> None:  # type: ignore[valid-type]
        """Never routed: FastAPI renders `form` from this signature."""

    return documented
