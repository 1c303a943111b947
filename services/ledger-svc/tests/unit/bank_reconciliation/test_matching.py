from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import pytest

from ledger_svc.domain.bank_reconciliation.bank_statement import BankLine, Direction
from ledger_svc.domain.bank_reconciliation.matching import (
    InvalidDateWindow,
    KnownInvoice,
    LedgerFacts,
    RecordedMovement,
    reconcile_lines,
)
from ledger_svc.domain.bank_reconciliation.reconciliation import (
    LineOutcome,
    Outcome,
    Reason,
    ReconciliationSummary,
    summarise,
)

MAR2 = date(2026, 3, 2)
ACME, BRIGHT = "cust-acme", "cust-bright"


def line(
    line_id: str,
    amount: int,
    *,
    direction: Direction = Direction.CREDIT,
    on: date = MAR2,
    reference: str | None = None,
    remittance: str | None = None,
    payer: str | None = None,
    currency: str = "EUR",
    position: int = 0,
) -> BankLine:
    return BankLine(
        line_id, position, on, on, direction, amount, currency, reference, remittance, None,
        None, payer, None,
    )  # fmt: skip


def paid(
    movement_id: str,
    amount: int,
    *,
    customer: str = ACME,
    on: date = MAR2,
    reference: str | None = None,
    invoices: tuple[str, ...] = (),
) -> RecordedMovement:
    return RecordedMovement(movement_id, customer, "EUR", amount, on, reference, invoices)


def facts(
    payments: Sequence[RecordedMovement] = (),
    *,
    refunds: Sequence[RecordedMovement] = (),
    matched: Mapping[str, str] | None = None,
    invoices: Sequence[KnownInvoice] = (),
    accounts: Mapping[str, tuple[str, ...]] | None = None,
) -> LedgerFacts:
    return LedgerFacts(
        payments,
        refunds,
        matched or {},
        {i.number: i for i in invoices},
        accounts or {},
        {ACME: "EUR", BRIGHT: "EUR", "cust-usd": "USD"},
    )


def reconcile(lines: Sequence[BankLine], known: LedgerFacts, window: int = 3) -> list[LineOutcome]:
    return reconcile_lines(lines, known, window_days=window)


def matched(line_id: str, payment: RecordedMovement) -> LineOutcome:
    return LineOutcome(
        line_id,
        Outcome.MATCHED,
        payment_id=payment.id,
        recorded_amount=payment.amount,
        customer_id=payment.customer_id,
    )


def test_a_credit_whose_reference_names_a_payment_of_the_same_amount_is_matched() -> None:
    payment = paid("p1", 119000, reference="E2E-ACME-0001", on=MAR2 - timedelta(days=3))

    found = reconcile([line("l1", 119000, reference="E2E-ACME-0001")], facts([payment]))

    assert found == [matched("l1", payment)]


def test_a_payment_is_found_by_the_number_of_an_invoice_it_paid() -> None:
    payment = paid("p1", 50000, invoices=("INV-2026-000007",))
    text = "Payment for inv-2026-000007, thanks"

    assert reconcile([line("l1", 50000, remittance=text)], facts([payment])) == [
        matched("l1", payment)
    ]


def test_a_second_line_for_one_payment_is_a_duplicate_of_the_first() -> None:
    payment = paid("p1", 25050, reference="PO-88231")
    lines = [line("l1", 25050, reference="PO-88231"), line("l2", 25050, remittance="PO-88231")]

    assert reconcile(lines, facts([payment])) == [
        matched("l1", payment),
        LineOutcome(
            "l2",
            Outcome.DUPLICATE,
            payment_id="p1",
            recorded_amount=25050,
            customer_id=ACME,
            note="already matched to statement line l1",
            reason=Reason.ALREADY_MATCHED,
        ),
    ]


def test_a_line_for_a_payment_another_statement_matched_is_a_duplicate() -> None:
    payment = paid("p1", 25050, reference="PO-88231")
    known = facts([payment], matched={"p1": "line-of-last-month"})

    [found] = reconcile([line("l1", 25050, reference="PO-88231")], known)

    assert (found.outcome, found.payment_id, found.note) == (
        Outcome.DUPLICATE,
        "p1",
        "already matched to statement line line-of-last-month",
    )


def test_a_rerun_keeps_what_an_earlier_run_matched_even_beyond_the_window() -> None:
    payment = paid("p1", 100, on=MAR2 + timedelta(days=20))
    known = facts([payment], matched={"p1": "l1"})

    [found] = reconcile([line("l1", 100)], known, window=0)

    assert found == LineOutcome(
        "l1",
        Outcome.MATCHED,
        payment_id="p1",
        recorded_amount=100,
        customer_id=ACME,
        note="matched by an earlier reconciliation",
    )


def test_a_reference_match_of_another_amount_is_a_mismatch_showing_the_recorded_amount() -> None:
    payments = [
        paid("far", 119900, reference="E2E-1", on=MAR2 - timedelta(days=2)),
        paid("near", 119500, reference="E2E-1", on=MAR2 - timedelta(days=1)),
    ]

    [found] = reconcile([line("l1", 119000, reference="E2E-1")], facts(payments))

    assert found == LineOutcome(
        "l1",
        Outcome.AMOUNT_MISMATCH,
        payment_id="near",
        recorded_amount=119500,
        customer_id=ACME,
        note="amount differs by 5.00 EUR: the line is 1190.00 EUR, near was recorded for "
        "1195.00 EUR",
        reason=Reason.AMOUNT_DIFFERS,
    )


@pytest.mark.parametrize(("window", "outcome"), [(3, Outcome.UNMATCHED), (4, Outcome.MATCHED)])
def test_only_payments_within_the_date_window_match(window: int, outcome: Outcome) -> None:
    payment = paid("p1", 100, reference="E2E-9", on=MAR2 + timedelta(days=4))

    [found] = reconcile([line("l1", 100, reference="E2E-9")], facts([payment]), window)

    assert found.outcome is outcome


def test_an_unrecorded_credit_naming_an_invoice_proposes_a_payment_by_its_customer() -> None:
    invoice = KnownInvoice("inv-id", "RCN-2026-000001", BRIGHT)

    [found] = reconcile(
        [line("l1", 119000, reference="E2E-X", remittance="RCN-2026-000001 thank you")],
        facts(invoices=[invoice]),
    )

    assert found == LineOutcome(
        "l1",
        Outcome.PROPOSED,
        recorded_amount=119000,
        customer_id=BRIGHT,
        invoice_id="inv-id",
        payment_reference="RCN-2026-000001",
        reason=Reason.NEW_PAYMENT,
    )


def test_an_unrecorded_credit_from_a_registered_account_proposes_a_payment_by_its_owner() -> None:
    known = facts(accounts={"fp-acme": (ACME,)})

    [found] = reconcile([line("l1", 4200, reference="E2E-7", payer="fp-acme")], known)

    assert found == LineOutcome(
        "l1",
        Outcome.PROPOSED,
        recorded_amount=4200,
        customer_id=ACME,
        payment_reference="E2E-7",
        reason=Reason.NEW_PAYMENT,
    )


def test_a_known_payers_payment_of_the_same_amount_matches_without_a_reference() -> None:
    payment = paid("p1", 4200, on=MAR2 + timedelta(days=1))
    known = facts([payment, paid("other", 4200, customer=BRIGHT)], accounts={"fp": (ACME,)})

    assert reconcile([line("l1", 4200, payer="fp")], known) == [matched("l1", payment)]


@pytest.mark.parametrize(
    ("credit", "known", "reason", "note"),
    [
        (
            line("l1", 10, payer="fp-shared"),
            facts(accounts={"fp-shared": (ACME, BRIGHT)}),
            Reason.AMBIGUOUS_PAYER,
            "the account is registered for more than one customer",
        ),
        (
            line("l1", 10, remittance="A-1 B-2"),
            facts(invoices=[KnownInvoice("a", "A-1", ACME), KnownInvoice("b", "B-2", BRIGHT)]),
            Reason.AMBIGUOUS_PAYER,
            "its text names invoices of more than one customer",
        ),
        (
            line("l1", 10, reference="E2E", currency="USD", payer="fp"),
            facts(accounts={"fp": (ACME,)}),
            Reason.CURRENCY_DIFFERS,
            "the customer's account is kept in EUR, the line is in USD",
        ),
        # The same amount on the same day is no proof without a reference or a known payer.
        (
            line("l1", 10),
            facts([paid("p1", 10)]),
            Reason.UNCONFIRMED_CANDIDATE,
            "one payment of 0.10 EUR within 3 days of 2026-03-02 (p1), but nothing on the line "
            "names its payer: match it by hand",
        ),
    ],
    ids=["shared account", "two customers' invoices", "other currency", "amount alone"],
)
def test_a_credit_that_names_no_single_customer_stays_unmatched(
    credit: BankLine, known: LedgerFacts, reason: Reason, note: str
) -> None:
    [found] = reconcile([credit], known)

    assert (found.outcome, found.payment_id, found.reason, found.note) == (
        Outcome.UNMATCHED,
        None,
        reason,
        note,
    )


def test_a_short_reference_only_matches_as_a_word_of_its_own() -> None:
    payment = paid("p1", 10, reference="42")
    known = facts([payment])

    assert reconcile([line("l1", 10, remittance="order 4217")], known)[0].outcome is (
        Outcome.UNMATCHED
    )
    assert reconcile([line("l1", 10, remittance="ref 42")], known) == [matched("l1", payment)]


def test_a_long_reference_is_found_in_groups_or_inside_a_word_of_a_line_of_its_amount() -> None:
    payment = paid("p1", 7700, reference="RF18 5390 0754 7034")
    known = facts([payment])
    word, inside = "Creditor reference RF18539007547034", "ref:RF18539007547034/03"

    assert reconcile([line("l1", 7700, remittance=word)], known) == [matched("l1", payment)]
    assert reconcile([line("l1", 7700, remittance=inside)], known) == [matched("l1", payment)]
    assert reconcile([line("l1", 7701, remittance=word)], known)[0].outcome is (
        Outcome.AMOUNT_MISMATCH
    )
    assert reconcile([line("l1", 7701, remittance=inside)], known)[0].outcome is (Outcome.UNMATCHED)


def test_money_paid_out_matches_a_paid_refund_or_is_not_applicable() -> None:
    refund = paid("r1", 3000, reference="RF-REFUND-77", on=MAR2 - timedelta(days=1))
    lines = [
        line("out1", 3000, direction=Direction.DEBIT, remittance="RF-REFUND-77"),
        line("out2", 25075, direction=Direction.DEBIT, reference="SUP-2026-117"),
    ]

    assert reconcile(lines, facts(refunds=[refund])) == [
        LineOutcome(
            "out1", Outcome.MATCHED, refund_id="r1", recorded_amount=3000, customer_id=ACME
        ),
        LineOutcome(
            "out2",
            Outcome.NOT_APPLICABLE,
            note="money paid out that matches no refund the ledger recorded",
        ),
    ]


@pytest.mark.parametrize("days", [-1, 32])
def test_a_date_window_is_zero_to_thirty_one_days(days: int) -> None:
    with pytest.raises(InvalidDateWindow) as refused:
        reconcile([], facts(), days)
    assert refused.value.field == "date_window_days"


def test_the_summary_counts_each_outcome() -> None:
    outcomes = [
        LineOutcome("a", Outcome.MATCHED),
        LineOutcome("b", Outcome.MATCHED),
        LineOutcome("c", Outcome.DUPLICATE),
        LineOutcome("d", Outcome.AMOUNT_MISMATCH),
        LineOutcome("e", Outcome.PROPOSED),
        LineOutcome("f", Outcome.CREATED),
        LineOutcome("g", Outcome.UNMATCHED),
        LineOutcome("h", Outcome.NOT_APPLICABLE),
    ]

    assert summarise(outcomes) == ReconciliationSummary(2, 1, 1, 1, 1, 1, 1)
