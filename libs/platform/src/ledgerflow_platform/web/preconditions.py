"""ETags and If-Match (RFC 9110 §8.8.3, §13.1.1): how every update names the version it read.

A record's ETag is its version in quotes. An update that must not lose another's change
requires If-Match (428 without it); one that may go ahead blindly takes it optionally. `*`
accepts any version; a weak tag (W/"3") never matches, as If-Match compares strongly.
"""

import re
from typing import Annotated

from fastapi import Depends, Header

from ledgerflow_platform.web.problems import BAD_PRECONDITION, PRECONDITION_REQUIRED, Problem

_TAG = re.compile(r'\s*(W/)?"([\x21\x23-\x7e]{0,128})"\s*')

IfMatchHeader = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=1024,
        description='The ETag of the version read, e.g. "3" (or * for any version)',
    ),
]


def etag(version: int | str) -> str:
    return f'"{version}"'


def accepted_tags(if_match: str | None) -> list[str] | None:
    """The versions an If-Match header accepts; None when absent or `*` (any version)."""
    if if_match is None or if_match.strip() == "*":
        return None
    tags: list[str] = []
    for part in if_match.split(","):
        match = _TAG.fullmatch(part)
        if match is None:
            raise Problem(
                BAD_PRECONDITION,
                f'If-Match {if_match!r} is not a list of ETags like "3", or *.',
                errors=[{"field": "If-Match", "message": "not an ETag"}],
            )
        if match.group(1) is None:
            tags.append(match.group(2))
    return tags


def accepted_versions(if_match: str | None) -> list[int] | None:
    """As `accepted_tags`, for records whose ETag is an integer version."""
    tags = accepted_tags(if_match)
    if tags is None:
        return None
    if not all(tag.isdigit() and len(tag) <= 9 for tag in tags):
        raise Problem(
            BAD_PRECONDITION,
            f'If-Match {if_match!r} is not an ETag we issued (like "3").',
            errors=[{"field": "If-Match", "message": "not an ETag we issued"}],
        )
    return [int(tag) for tag in tags]


def required_if_match(if_match: IfMatchHeader = None) -> str:
    if if_match is None:
        raise Problem(
            PRECONDITION_REQUIRED,
            "Send If-Match with the ETag from reading it first, so no change is lost.",
            errors=[{"field": "If-Match", "message": "required"}],
        )
    return if_match


def optional_if_match(if_match: IfMatchHeader = None) -> str | None:
    return if_match


RequiredIfMatch = Annotated[str, Depends(required_if_match)]
"""The raw If-Match of an update that needs one; parse with accepted_tags/accepted_versions."""
OptionalIfMatch = Annotated[str | None, Depends(optional_if_match)]
