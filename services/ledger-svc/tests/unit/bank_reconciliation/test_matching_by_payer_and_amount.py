"""Matching beyond references: the payer's name (legal name or alias, normalised), money paid
out against the refunds paid, and a reason on every line left unmatched."""

from dataclasses import replace
from datetime import timedelta

import pytest

from ledger_svc.domain.bank_reconciliation.bank_statement import Direction
from ledger_svc.domain.bank_reconciliation.payer_names import name_key
from ledger_svc.domain.bank_reconciliation.reconciliation import LineOutcome, Outcome, Reason

from .test_matching import ACME, BRIGHT, MAR2, facts, line, matched, paid, reconcile

LEGAL_NAME = "上海华东贸易有限公司"
NAMES = {name_key(LEGAL_NAME): (ACME,), name_key("Bright Sun Co., Ltd."): (BRIGHT,)}


def named(line_id: str, amount: int, payer_name: str, **kw: object):  # type: ignore[no-untyped-def]
    return replace(line(line_id, amount, **kw), counterparty_name=payer_name)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "same"),
    [
        ("上海华东贸易有限公司", True),
        ("上海 华东贸易 有限公司", True),
        ("上海华东贸易有限公司。", True),
        ("\uff21\uff23\uff2d\uff25\u3000Trading,  Ltd.", True),  # full-width
        ("上海华东贸易公司", False),
    ],
)
def test_names_compare_in_nfkc_case_folded_without_spaces_or_punctuation(
    written: str, same: bool
) -> None:
    reference = "ACME Trading Ltd" if written.startswith("\uff21") else LEGAL_NAME
    assert (name_key(written) == name_key(reference)) is same


def test_a_credit_from_the_exact_legal_name_a_day_after_the_payment_matches_it() -> None:
    # 40,000.00 recorded on 1 March; the bank books it on 2 March, no reference.
    payment = paid("p1", 4_000_000, on=MAR2 - timedelta(days=1))
    other = paid("p2", 4_000_000, customer=BRIGHT, on=MAR2)
    known = replace(facts([payment, other]), customers_by_name=NAMES)

    found = reconcile([named("l1", 4_000_000, LEGAL_NAME)], known)

    assert found == [matched("l1", payment)]


def test_an_alias_names_its_customer_as_the_legal_name_does() -> None:
    payment = paid("p1", 12_000, customer=BRIGHT)
    names = {**NAMES, name_key("BRIGHT SUN TRADING"): (BRIGHT,)}
    known = replace(facts([payment]), customers_by_name=names)

    assert reconcile([named("l1", 12_000, "Bright Sun Trading")], known) == [matched("l1", payment)]


def test_a_name_two_customers_share_names_neither() -> None:
    known = replace(facts([paid("p1", 500)]), customers_by_name={name_key("Acme"): (ACME, BRIGHT)})

    [found] = reconcile([named("l1", 500, "ACME")], known)

    assert (found.outcome, found.reason, found.note) == (
        Outcome.UNMATCHED,
        Reason.AMBIGUOUS_PAYER,
        "the payer's name is that of more than one customer",
    )


def test_money_paid_out_on_the_day_a_refund_of_its_amount_was_paid_matches_it() -> None:
    refund = paid("r1", 30_000, on=MAR2)
    known = facts(refunds=[refund, paid("r-other", 45_000, on=MAR2)])

    found = reconcile([line("out", 30_000, direction=Direction.DEBIT)], known)

    assert found == [
        LineOutcome(
            "out",
            Outcome.MATCHED,
            refund_id="r1",
            recorded_amount=30_000,
            customer_id=ACME,
            note="the only refund of 300.00 EUR paid within 3 days of 2026-03-02",
        )
    ]


def test_money_paid_out_that_two_refunds_could_be_stays_unmatched_naming_both() -> None:
    refunds = [paid("r1", 30_000), paid("r2", 30_000, customer=BRIGHT, on=MAR2 + timedelta(1))]

    [found] = reconcile([line("out", 30_000, direction=Direction.DEBIT)], facts(refunds=refunds))

    assert found == LineOutcome(
        "out",
        Outcome.UNMATCHED,
        note="2 refunds of 300.00 EUR within 3 days of 2026-03-02 (r1, r2); nothing on the "
        "line says which: match it by hand",
        reason=Reason.SEVERAL_CANDIDATES,
    )


def test_a_credit_says_why_it_is_unmatched() -> None:
    two = facts([paid("p1", 700), paid("p2", 700, customer=BRIGHT)])
    [none] = reconcile([line("l1", 900)], two)
    [several] = reconcile([line("l1", 700)], two)

    assert (none.reason, none.note) == (
        Reason.NO_CANDIDATE,
        "no payment of 9.00 EUR recorded within 3 days of 2026-03-02",
    )
    assert (several.reason, several.note) == (
        Reason.SEVERAL_CANDIDATES,
        "2 payments of 7.00 EUR within 3 days of 2026-03-02 (p1, p2); nothing on the line "
        "says which: match it by hand",
    )


def test_a_named_payers_refund_matches_before_any_other_of_its_amount() -> None:
    theirs = paid("r-bright", 30_000, customer=BRIGHT)
    known = replace(facts(refunds=[paid("r-acme", 30_000), theirs]), customers_by_name=NAMES)

    [found] = reconcile(
        [named("out", 30_000, "Bright Sun Co Ltd", direction=Direction.DEBIT)], known
    )

    assert (found.outcome, found.refund_id) == (Outcome.MATCHED, "r-bright")
