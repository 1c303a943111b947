"""As known at a time: a fact counts only if its producer had recorded it by then."""

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, literal, or_


def known_by(recorded_at: Any, known_at: datetime | None) -> ColumnElement[bool]:
    """Recorded by `known_at`; facts kept before event times were recorded are always known."""
    if known_at is None:
        return literal(True)
    return or_(recorded_at.is_(None), recorded_at <= known_at)
