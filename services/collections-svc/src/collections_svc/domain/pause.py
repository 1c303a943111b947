"""Dunning pauses: a customer's invoices stay at their levels from the start to `until`, or
until the pause is ended early. Append-only: ending a pause records when, it never deletes."""

from dataclasses import dataclass, replace
from datetime import date

from ledgerflow_platform.errors import DomainError


class PauseNotFound(DomainError):
    def __init__(self, pause_id: str) -> None:
        super().__init__(f"No dunning pause with id {pause_id}.")


class PauseAlreadyEnded(DomainError):
    def __init__(self, pause_id: str, ended_on: date) -> None:
        super().__init__(f"Dunning pause {pause_id} already ended on {ended_on}.")


class PauseEndsBeforeItStarts(DomainError):
    def __init__(self, starts_on: date, until: date) -> None:
        super().__init__(
            f"A pause starting on {starts_on} cannot last until {until}.", field="until"
        )


@dataclass(frozen=True)
class DunningPause:
    id: str
    customer_id: str
    starts_on: date
    until: date
    reason: str
    ended_on: date | None = None

    def holds_on(self, day: date) -> bool:
        if self.ended_on is not None and day >= self.ended_on:
            return False
        return self.starts_on <= day <= self.until

    def end(self, on: date) -> "DunningPause":
        if self.ended_on is not None:
            raise PauseAlreadyEnded(self.id, self.ended_on)
        return replace(self, ended_on=on)


def new_pause(
    pause_id: str, customer_id: str, *, starts_on: date, until: date, reason: str
) -> DunningPause:
    if until < starts_on:
        raise PauseEndsBeforeItStarts(starts_on, until)
    return DunningPause(pause_id, customer_id, starts_on, until, reason)
