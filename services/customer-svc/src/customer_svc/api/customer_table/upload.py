"""Reading an uploaded table, and its Idempotency-Key over the file itself."""

import hashlib

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.idempotency import fingerprint
from ledgerflow_platform.web.deps import IdempotentRequest, idempotency_key
from ledgerflow_platform.web.problems import Problem, ProblemType
from ledgerflow_platform.web.uploads import FILE_FIELD, UNSUPPORTED_UPLOAD, Upload, read_upload

MAX_FILE_BYTES = 50 * 1024 * 1024

FILE_TOO_LARGE = ProblemType(413, "file-too-large", "The file is larger than 50 MB")
MULTIPART_REQUIRED = ProblemType(
    415, "multipart-required", "Upload the table as multipart/form-data"
)


def _too_large(max_bytes: int) -> Problem:
    return Problem(FILE_TOO_LARGE, f"Upload at most {max_bytes // 2**20} MB; split the table.")


async def read_table(request: Request) -> Upload:
    """The uploaded table, refused as soon as it passes 50 MB."""
    try:
        return await read_upload(
            request, max_bytes=MAX_FILE_BYTES, too_large=_too_large, what="the table"
        )
    except Problem as exc:
        if exc.kind != UNSUPPORTED_UPLOAD:
            raise
        # The table import has always named this refusal multipart-required.
        raise Problem(
            MULTIPART_REQUIRED, f"Send the table as multipart/form-data in a {FILE_FIELD!r} field."
        ) from exc


def idempotent_upload(
    request: Request, session: AsyncSession, principal: Principal, upload: Upload
) -> IdempotentRequest:
    """Idempotency-Key over the file itself: a retry may frame it with another boundary."""
    key = idempotency_key(request, principal)
    digest = hashlib.sha256(upload.content).hexdigest()
    target = f"{request.url.path}?{request.url.query}"
    print_ = fingerprint(request.method, target, f"{upload.filename or ''}\n{digest}".encode())
    store = request.app.state.idempotency
    return IdempotentRequest(store, session, principal.subject, key, print_)
