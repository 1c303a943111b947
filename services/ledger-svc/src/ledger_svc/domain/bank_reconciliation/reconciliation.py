"""A reconciliation of a bank statement: each line's outcome, and how many ended in each."""

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ledgerflow_platform.errors import DomainError


class ReconciliationNotFound(DomainError):
    """No reconciliation has this id."""

    def __init__(self, reconciliation_id: str) -> None:
        super().__init__(f"No reconciliation with id {reconciliation_id}.")
        self.reconciliation_id = reconciliation_id


class Outcome(StrEnum):
    """What reconciliation concluded about one statement line."""

    MATCHED = "matched"
    DUPLICATE = "duplicate"
    AMOUNT_MISMATCH = "amount_mismatch"
    PROPOSED = "proposed"
    CREATED = "created"
    UNMATCHED = "unmatched"
    NOT_APPLICABLE = "not_applicable"


class Reason(StrEnum):
    """Why a line was not matched: what someone reviewing it needs to know first."""

    NO_CANDIDATE = "no_candidate"  # nothing recorded of this amount in the window
    SEVERAL_CANDIDATES = "several_candidates"  # more than one, and nothing says which
    UNCONFIRMED_CANDIDATE = "unconfirmed_candidate"  # one, but nothing names its payer
    AMOUNT_DIFFERS = "amount_differs"  # the movement it names was recorded for another amount
    ALREADY_MATCHED = "already_matched"  # the movement it names matched another line
    AMBIGUOUS_PAYER = "ambiguous_payer"  # it names more than one customer
    CURRENCY_DIFFERS = "currency_differs"  # the customer's account is in another currency
    NEW_PAYMENT = "new_payment"  # a payment the ledger has not recorded (proposed)


@dataclass(frozen=True)
class LineOutcome:
    """One line's outcome and the payment, customer or invoice it concerns."""

    line_id: str
    outcome: Outcome
    payment_id: str | None = None
    refund_id: str | None = None
    # The recorded payment's or refund's amount; for a proposal, the payment to record.
    recorded_amount: int | None = None
    customer_id: str | None = None
    invoice_id: str | None = None
    payment_reference: str | None = None  # for a proposal: the reference to record it with
    note: str | None = None
    reason: Reason | None = None


@dataclass(frozen=True)
class ReconciliationSummary:
    """How many lines ended in each outcome."""

    matched: int
    proposed: int
    created: int
    duplicates: int
    amount_mismatches: int
    unmatched: int
    not_applicable: int


def summarise(outcomes: Sequence[LineOutcome]) -> ReconciliationSummary:
    n = Counter(o.outcome for o in outcomes)
    return ReconciliationSummary(
        n[Outcome.MATCHED],
        n[Outcome.PROPOSED],
        n[Outcome.CREATED],
        n[Outcome.DUPLICATE],
        n[Outcome.AMOUNT_MISMATCH],
        n[Outcome.UNMATCHED],
        n[Outcome.NOT_APPLICABLE],
    )


@dataclass(frozen=True)
class Reconciliation:
    """One run of matching a statement against the ledger, as recorded for review."""

    id: str
    statement_id: str
    date_window_days: int
    create_payments: bool
    reconciled_at: datetime
    reconciled_by: str
    outcomes: tuple[LineOutcome, ...]

    @property
    def summary(self) -> ReconciliationSummary:
        return summarise(self.outcomes)

    @property
    def discrepancies(self) -> tuple[LineOutcome, ...]:
        """The lines someone has to look at: all but the matched, created and not applicable."""
        settled = {Outcome.MATCHED, Outcome.CREATED, Outcome.NOT_APPLICABLE}
        return tuple(o for o in self.outcomes if o.outcome not in settled)


# Outcomes that settle a line: it is a recorded movement, or none of the ledger's business.
_SETTLED = frozenset({Outcome.MATCHED, Outcome.CREATED, Outcome.NOT_APPLICABLE})


@dataclass(frozen=True)
class StatementStanding:
    """Whether a statement is reconciled: every line matched (by a run or by hand) or none of
    the ledger's business; else whether each line left open at least says why (a period with
    the statement may close then). `unexplained` are the positions of lines that do not:
    never reconciled, or open without a reason."""

    statement_id: str
    lines: int
    reconciled: int
    unexplained: tuple[int, ...]

    @property
    def fully_reconciled(self) -> bool:
        return self.reconciled == self.lines

    @property
    def explained(self) -> bool:
        return not self.unexplained


def statement_standing(
    statement_id: str,
    positions: Mapping[str, int],
    latest: Mapping[str, LineOutcome],
    matched_by_hand: Collection[str],
) -> StatementStanding:
    """The one rule (period close asks it): `positions` are the statement's lines (id ->
    position), `latest` each line's outcome in the statement's latest reconciliation,
    `matched_by_hand` the lines someone matched since."""
    reconciled, unexplained = 0, []
    for line_id, position in positions.items():
        outcome = latest.get(line_id)
        if line_id in matched_by_hand or (outcome is not None and outcome.outcome in _SETTLED):
            reconciled += 1
        elif outcome is None or (outcome.reason is None and not outcome.note):
            unexplained.append(position)
    return StatementStanding(statement_id, len(positions), reconciled, tuple(sorted(unexplained)))
