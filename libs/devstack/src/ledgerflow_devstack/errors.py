"""The one error the local platform raises: something a developer must act on."""


class StackError(RuntimeError):
    """A component did not start, stop or answer; the message says what to look at."""
