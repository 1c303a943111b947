"""The one rule period close asks: reconciled, or each open line says why."""

from ledger_svc.domain.bank_reconciliation.reconciliation import (
    LineOutcome,
    Outcome,
    Reason,
    StatementStanding,
    statement_standing,
)

POSITIONS = {"a": 0, "b": 1, "c": 2, "d": 3}


def test_matched_by_a_run_or_by_hand_or_not_ours_is_reconciled() -> None:
    latest = {
        "a": LineOutcome("a", Outcome.MATCHED),
        "b": LineOutcome("b", Outcome.NOT_APPLICABLE),
        "c": LineOutcome("c", Outcome.UNMATCHED, reason=Reason.NO_CANDIDATE, note="none"),
    }

    found = statement_standing("s", POSITIONS, latest, {"c", "d"})

    assert found == StatementStanding("s", 4, 4, ())
    assert (found.fully_reconciled, found.explained) == (True, True)


def test_an_open_line_with_a_reason_is_explained_one_without_or_never_reconciled_is_not() -> None:
    latest = {
        "a": LineOutcome("a", Outcome.AMOUNT_MISMATCH, reason=Reason.AMOUNT_DIFFERS, note="x"),
        "b": LineOutcome("b", Outcome.UNMATCHED),
        "c": LineOutcome("c", Outcome.DUPLICATE, reason=Reason.ALREADY_MATCHED),
    }

    found = statement_standing("s", POSITIONS, latest, set())

    assert found == StatementStanding("s", 4, 0, (1, 3))
    assert (found.fully_reconciled, found.explained) == (False, False)
