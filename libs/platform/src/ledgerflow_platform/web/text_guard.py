"""Text Postgres cannot store, refused at the door: a NUL character, or half of a UTF-16
surrogate pair (JSON allows "\\ud800" alone; UTF-8 cannot encode it). Either would otherwise
reach the database and fail there as a 500, after the request's work had begun.

JSON bodies are checked string by string, naming the first field at fault; the query string
and the path are checked for an encoded NUL.
"""

import json
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ledgerflow_platform.web.problems import PROBLEM_JSON, VALIDATION, problem_document

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_ENCODED_NUL = re.compile(rb"%00")
# In JSON such a character can only arrive escaped (\u0000, \ud800-\udfff), or as a
# surrogate's UTF-8 bytes, which Python's JSON decoder lets through. A body with none of
# these, and no NUL byte (a UTF-16 or UTF-32 body has many), is passed on unparsed, as
# nearly every body is.
_MAY_HIDE_UNSTORABLE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])|\xed[\xa0-\xbf]|\x00")
MESSAGE = "text may not contain NUL or unpaired surrogate characters"


def first_unstorable(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string (or key) Postgres could not store, if any."""
    if isinstance(value, str):
        return path or "body" if _UNSTORABLE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if _UNSTORABLE.search(str(key)):
                return path or "body"
            found = first_unstorable(item, here)
            if found is not None:
                return found
    if isinstance(value, list):
        for n, item in enumerate(value):
            found = first_unstorable(item, f"{path}.{n}" if path else str(n))
            if found is not None:
                return found
    return None


class TextGuardMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _ENCODED_NUL.search(scope.get("query_string", b"")) or "\x00" in scope["path"]:
            await _refuse(scope, send, "query")
            return
        headers = dict(scope.get("headers", []))
        if not headers.get(b"content-type", b"").startswith(b"application/json"):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        body = b""
        while True:
            message = await receive()
            messages.append(message)
            body += message.get("body", b"")
            if message["type"] != "http.request" or not message.get("more_body", False):
                break
        try:
            hidden = _MAY_HIDE_UNSTORABLE.search(body)
            field = first_unstorable(json.loads(body)) if hidden else None
        except ValueError:
            field = None  # not JSON: FastAPI answers that itself
        if field is not None:
            await _refuse(scope, send, field)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


async def _refuse(scope: Scope, send: Send, field: str) -> None:
    document = problem_document(
        VALIDATION,
        f"{field}: {MESSAGE}",
        instance=scope["path"],
        errors=[{"field": field, "message": MESSAGE}],
    )
    body = json.dumps(document).encode()
    await send(
        {
            "type": "http.response.start",
            "status": VALIDATION.status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
