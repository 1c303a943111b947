"""Opaque cursors for keyset pagination: `?limit=&cursor=` in, `next_cursor` out."""

import base64
import binascii
import json
from typing import Annotated

from fastapi import Query

from ledgerflow_platform.web.problems import Problem, ProblemType

BAD_CURSOR = ProblemType(400, "invalid-cursor", "The cursor is not one this API issued")

# A cursor is base64url of a record's key: an id, or a report row's JSON key (a customer
# group's name, escaped); far longer is not one of ours.
MAX_KEY_LENGTH = 3072
MAX_CURSOR_LENGTH = 4096

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
        raise bad_cursor() from exc
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise bad_cursor()
    return key


def decode_json_cursor(cursor: str | None) -> object:
    """The JSON value a cursor carries (a report row's key); None without a cursor. Whatever
    does not parse, nested past the parser's depth too, is refused as not ours."""
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return json.loads(key)
    except (ValueError, RecursionError) as exc:
        raise bad_cursor() from exc


def bad_cursor(detail: str = "Pass back the next_cursor of a previous page.") -> Problem:
    """The refusal of a cursor, naming the parameter; also for a well-formed key that is not
    one the endpoint's pages end on."""
    return Problem(
        BAD_CURSOR,
        detail,
        errors=[{"field": "cursor", "message": "not a cursor this API issued"}],
    )


def next_cursor(keys: list[str], limit: int) -> str | None:
    """A cursor after the last key, if the page was full (there may be more)."""
    return encode_cursor(keys[-1]) if len(keys) == limit and keys else None
