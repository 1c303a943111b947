"""Reading an uploaded file: refused as soon as it passes its cap, never held beyond it.

FastAPI's `UploadFile` parameters parse (and spool) the whole body before a route runs; a
route that reads the request itself with `read_upload` stops counting bytes at the cap, so an
oversized or endless upload costs at most the cap.
"""

from collections.abc import AsyncGenerator, AsyncIterator, Callable, Collection
from dataclasses import dataclass, field

from fastapi import Request
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
) -> Upload:
    """The uploaded file: a multipart/form-data `file` field, or the whole body when its media
    type is one of `raw_types` (e.g. text/csv). `too_large(max_bytes)` is raised the moment the
    upload passes `max_bytes`."""
    cap = max_bytes + FRAMING_BYTES

    def refuse() -> Exception:
        return too_large(max_bytes)

    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise refuse()
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = _capped(request.stream(), cap, refuse)
    if media_type in raw_types:
        upload = Upload(b"".join([chunk async for chunk in body]), None)
    elif media_type == "multipart/form-data":
        upload = await _read_form(request, body, what)
    else:
        accepted = ", ".join(["multipart/form-data", *raw_types])
        raise Problem(
            UNSUPPORTED_UPLOAD,
            f"Send {what} as {accepted}, not {media_type or 'a body without a type'}.",
        )
    if len(upload.content) > max_bytes:
        raise refuse()
    return upload


async def _read_form(request: Request, body: AsyncGenerator[bytes, None], what: str) -> Upload:
    parser = MultiPartParser(request.headers, body, max_files=1, max_fields=MAX_FIELDS)
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise Problem(MALFORMED_UPLOAD, exc.message) from exc
    try:
        upload = form.get(FILE_FIELD)
        if not isinstance(upload, UploadFile):
            raise Problem(
                MALFORMED_UPLOAD,
                f"Send {what} as a file in the {FILE_FIELD!r} field.",
                errors=[{"field": FILE_FIELD, "message": f"{what} is required"}],
            )
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        return Upload(await upload.read(), upload.filename, fields)
    finally:
        await form.close()
