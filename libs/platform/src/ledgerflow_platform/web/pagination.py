"""Opaque cursors for keyset pagination: `?limit=&cursor=` in, `next_cursor` out."""

import base64
import binascii
from typing import Annotated

from fastapi import Query

from ledgerflow_platform.web.problems import Problem, ProblemType

BAD_CURSOR = ProblemType(400, "invalid-cursor", "The cursor is not one this API issued")

# A cursor is base64url of a record's key; keys are short, so a longer one is not ours.
MAX_CURSOR_LENGTH = 512
MAX_KEY_LENGTH = 256

Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Cursor = Annotated[
    str | None,
    Query(
        description="`next_cursor` of the previous page",
        max_length=MAX_CURSOR_LENGTH,
        pattern=r"^[A-Za-z0-9_-]+$",
    ),
]


def encode_cursor(last_key: str) -> str:
    return base64.urlsafe_b64encode(last_key.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        # Not ASCII (b64decode raises ValueError), not base64 or not UTF-8: not ours either way.
        key = base64.b64decode(padded, altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise _bad_cursor() from exc
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise _bad_cursor()
    return key


def _bad_cursor() -> Problem:
    return Problem(
        BAD_CURSOR,
        "Pass back the next_cursor of a previous page.",
        errors=[{"field": "cursor", "message": "not a cursor this API issued"}],
    )


def next_cursor(keys: list[str], limit: int) -> str | None:
    """A cursor after the last key, if the page was full (there may be more)."""
    return encode_cursor(keys[-1]) if len(keys) == limit and keys else None
