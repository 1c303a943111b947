"""The base of domain errors: situations with data, never HTTP codes.

Kept free of web imports so domain code may raise these; each service's api/errors.py maps
them to problem details in one table.
"""

from collections.abc import Mapping


class DomainError(Exception):
    """A business rule refused the request. `field` names the input at fault, if one is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def members(self) -> Mapping[str, object] | None:
        """What a client needs beside the message to act on the refusal (the period that is
        closed, the first date still open); answered as extension members of the problem."""
        return None
