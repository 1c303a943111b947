"""Opaque cursors for keyset pagination: `?limit=&cursor=` in, `next_cursor` out."""

import base64
import binascii
from typing import Annotated

from fastapi import Query

from ledgerflow_platform.web.problems import Problem, ProblemType

BAD_CURSOR = ProblemType(400, "invalid-cursor", "The cursor is not one this API issued")

Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page")]


def encode_cursor(last_key: str) -> str:
    return base64.urlsafe_b64encode(last_key.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return base64.b64decode(padded, altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise Problem(BAD_CURSOR, "Pass back the next_cursor of a previous page.") from exc


def next_cursor(keys: list[str], limit: int) -> str | None:
    """A cursor after the last key, if the page was full (there may be more)."""
    return encode_cursor(keys[-1]) if len(keys) == limit and keys else None
