"""What this process builds once from its LEDGER_ settings, kept on the app."""

from collections.abc import Callable
from typing import TypeVar

from fastapi import Request
from pydantic_settings import BaseSettings

Part = TypeVar("Part")
Section = TypeVar("Section", bound=BaseSettings)


def configured(
    request: Request, name: str, section: type[Section], build: Callable[[Section], Part]
) -> Part:
    """`build` applied to the app's settings if the platform put them on the app (else to
    `section` read from the environment), once per app and kept as `name`."""
    state = request.app.state
    built: Part | None = getattr(state, name, None)
    if built is None:
        settings = getattr(state, "settings", None)
        built = build(settings if isinstance(settings, section) else section())
        setattr(state, name, built)
    return built
