"""Whatever a statement holds, reconciliation matches each recorded movement to one line at
most, and only to a line of the same amount, currency and direction within the window."""

from collections import Counter
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_svc.domain.bank_reconciliation.bank_statement import BankLine, Direction
from ledger_svc.domain.bank_reconciliation.matching import (
    KnownInvoice,
    LedgerFacts,
    RecordedMovement,
    reconcile_lines,
)
from ledger_svc.domain.bank_reconciliation.reconciliation import Outcome, Reason

START = date(2026, 3, 1)
REFERENCES = st.sampled_from([None, "E2E-1", "E2E-2", "INV-1", "INV-2"])
AMOUNTS = st.integers(min_value=1, max_value=4)
DAYS = st.integers(min_value=0, max_value=9)


@st.composite
def lines(draw: st.DrawFn) -> list[BankLine]:
    count = draw(st.integers(min_value=0, max_value=8))
    return [
        BankLine(
            f"l{n}",
            n,
            START + timedelta(days=draw(DAYS)),
            None,
            draw(st.sampled_from(Direction)),
            draw(AMOUNTS),
            "EUR",
            draw(REFERENCES),
            draw(REFERENCES),
            None,
            None,
            draw(st.sampled_from([None, "fp-a", "fp-b"])),
            None,
        )
        for n in range(count)
    ]


@st.composite
def movements(draw: st.DrawFn, prefix: str) -> list[RecordedMovement]:
    count = draw(st.integers(min_value=0, max_value=6))
    return [
        RecordedMovement(
            f"{prefix}{n}",
            draw(st.sampled_from(["a", "b"])),
            "EUR",
            draw(AMOUNTS),
            START + timedelta(days=draw(DAYS)),
            draw(REFERENCES),
            draw(st.sampled_from([(), ("INV-1",), ("INV-2",)])),
        )
        for n in range(count)
    ]


@settings(max_examples=250, deadline=None)
@given(lines(), movements("p"), movements("r"), st.integers(min_value=0, max_value=4))
def test_each_movement_is_matched_to_at_most_one_line_of_its_amount_in_the_window(
    statement: list[BankLine],
    payments: list[RecordedMovement],
    refunds: list[RecordedMovement],
    window: int,
) -> None:
    known = LedgerFacts(
        payments,
        refunds,
        {},
        {"INV-1": KnownInvoice("i1", "INV-1", "a"), "INV-2": KnownInvoice("i2", "INV-2", "b")},
        {"fp-a": ("a",), "fp-b": ("a", "b")},
        {"a": "EUR", "b": "EUR"},
    )

    outcomes = reconcile_lines(statement, known, window_days=window)

    assert [o.line_id for o in outcomes] == [x.id for x in statement]
    by_id = {m.id: m for m in (*payments, *refunds)}
    matched = [o for o in outcomes if o.outcome is Outcome.MATCHED]
    taken = [o.payment_id or o.refund_id for o in matched]
    assert all(n == 1 for n in Counter(taken).values())
    for outcome, x in zip(outcomes, statement, strict=True):
        credit = x.direction is Direction.CREDIT
        if outcome.outcome is Outcome.MATCHED:
            movement = by_id[outcome.payment_id if credit else outcome.refund_id or ""]
            assert movement.amount == x.amount
            assert abs((movement.on - x.booking_date).days) <= window
            assert movement in (payments if credit else refunds)
        if outcome.outcome is Outcome.DUPLICATE:
            assert (outcome.payment_id or outcome.refund_id) in taken
        if outcome.outcome is Outcome.PROPOSED:
            assert (credit, outcome.recorded_amount) == (True, x.amount)
        money_out = {Outcome.MATCHED, Outcome.DUPLICATE, Outcome.AMOUNT_MISMATCH}
        if credit:
            assert outcome.outcome is not Outcome.NOT_APPLICABLE
        elif outcome.outcome is Outcome.UNMATCHED:
            # Money out stays unmatched only when two refunds could be it.
            assert outcome.reason is Reason.SEVERAL_CANDIDATES
        else:
            assert outcome.outcome in money_out | {Outcome.NOT_APPLICABLE}
        # Every line not matched says why.
        settled = {Outcome.MATCHED, Outcome.NOT_APPLICABLE}
        assert (outcome.reason is None) == (outcome.outcome in settled), outcome
        if outcome.outcome in {Outcome.UNMATCHED, Outcome.AMOUNT_MISMATCH}:
            assert outcome.note
