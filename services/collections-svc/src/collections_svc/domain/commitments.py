"""What a customer's payments may count towards besides the arrears: what they promised."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Commitments:
    """Whether the customer has a promise to pay still open, a payment plan still on track."""

    promises_open: bool
    plans_on_track: bool
