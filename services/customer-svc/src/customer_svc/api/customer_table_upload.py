"""Reading an uploaded table: refused early when too large, never held beyond the cap."""

import hashlib
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.idempotency import fingerprint
from ledgerflow_platform.web.deps import MAX_KEY_LENGTH, IdempotentRequest
from ledgerflow_platform.web.problems import Problem, ProblemType

MAX_FILE_BYTES = 50 * 1024 * 1024
# Room for the multipart framing around the file.
MAX_BODY_BYTES = MAX_FILE_BYTES + 64 * 1024
FILE_FIELD = "file"

FILE_TOO_LARGE = ProblemType(413, "file-too-large", "The file is larger than 50 MB")
MULTIPART_REQUIRED = ProblemType(
    415, "multipart-required", "Upload the table as multipart/form-data"
)
MALFORMED_UPLOAD = ProblemType(400, "malformed-upload", "The upload could not be read")
INVALID_KEY = ProblemType(400, "invalid-idempotency-key", "The Idempotency-Key header is invalid")


@dataclass(frozen=True)
class Upload:
    """The file a user uploaded, and the name it came with."""

    content: bytes
    filename: str


def _too_large() -> Problem:
    return Problem(FILE_TOO_LARGE, f"Upload at most {MAX_FILE_BYTES // 2**20} MB; split the table.")


async def _capped(stream: AsyncIterator[bytes]) -> AsyncGenerator[bytes, None]:
    # Content-Length may be absent (chunked) or wrong: count what really arrives.
    received = 0
    async for chunk in stream:
        received += len(chunk)
        if received > MAX_BODY_BYTES:
            raise _too_large()
        yield chunk


async def read_upload(request: Request) -> Upload:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise Problem(
            MULTIPART_REQUIRED, f"Send the table as multipart/form-data in a {FILE_FIELD!r} field."
        )
    parser = MultiPartParser(request.headers, _capped(request.stream()), max_files=1, max_fields=10)
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise Problem(MALFORMED_UPLOAD, exc.message) from exc
    try:
        upload = form.get(FILE_FIELD)
        if not isinstance(upload, UploadFile):
            raise Problem(
                MALFORMED_UPLOAD, f"Send the table as a file in the {FILE_FIELD!r} field."
            )
        content = await upload.read()
        if len(content) > MAX_FILE_BYTES:
            raise _too_large()
        return Upload(content, upload.filename or "")
    finally:
        await form.close()


def idempotent_upload(
    request: Request, session: AsyncSession, principal: Principal, upload: Upload
) -> IdempotentRequest:
    """Idempotency-Key over the file itself: a retry may frame it with another boundary."""
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 0 < len(key) <= MAX_KEY_LENGTH:
        raise Problem(INVALID_KEY, f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters.")
    digest = hashlib.sha256(upload.content).hexdigest()
    target = f"{request.url.path}?{request.url.query}"
    print_ = fingerprint(request.method, target, f"{upload.filename}\n{digest}".encode())
    store = request.app.state.idempotency
    return IdempotentRequest(store, session, principal.subject, key, print_)
