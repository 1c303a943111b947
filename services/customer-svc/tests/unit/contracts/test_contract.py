from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from customer_svc.domain.contracts.contract import (
    Contract,
    ContractChangedSinceRead,
    ContractClosedForAmendment,
    ContractStatus,
    IllegalContractTransition,
    amend,
    move,
    new_contract,
    require_revision,
)
from customer_svc.domain.contracts.terms import ContractTerms, InvalidContractTerms

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
TERMS = ContractTerms("Harbour", date(2026, 11, 2), "EUR", 10_000, 30, None, None)
S = ContractStatus


def contract(status: ContractStatus = S.DRAFT, terms: ContractTerms = TERMS) -> Contract:
    return new_contract(
        contract_id="k1",
        customer_id="c1",
        number=" C-1 ",
        terms=terms,
        status=status if status in (S.DRAFT, S.ACTIVE) else S.ACTIVE,
        at=AT,
        by="ana",
    )


def moved(to: ContractStatus, c: Contract | None = None, reason: str | None = "why") -> Contract:
    return move(c or contract(), to, effective_on=date(2026, 12, 1), reason=reason, at=AT, by="b")[
        0
    ]


def test_a_new_contract_is_version_one_with_nothing_changed() -> None:
    c = contract()
    assert (c.number, c.status, c.current.version, c.current.changed_fields) == (
        "C-1",
        S.DRAFT,
        1,
        (),
    )
    assert c.revision == "1-draft"


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.DRAFT, S.ACTIVE),
        (S.DRAFT, S.TERMINATED),
        (S.ACTIVE, S.COMPLETED),
        (S.ACTIVE, S.TERMINATED),
    ],
)
def test_a_contract_moves_forward_along_its_lifecycle(start: S, to: S) -> None:
    c, change = move(contract(start), to, effective_on=date(2026, 12, 1), reason="r", at=AT, by="b")
    assert (c.status, change.from_status, change.to_status) == (to, start, to)


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.DRAFT, S.DRAFT),
        (S.DRAFT, S.COMPLETED),
        (S.ACTIVE, S.ACTIVE),
        (S.ACTIVE, S.DRAFT),
        (S.COMPLETED, S.ACTIVE),
        (S.COMPLETED, S.TERMINATED),
        (S.TERMINATED, S.ACTIVE),
        (S.TERMINATED, S.DRAFT),
    ],
)
def test_an_illegal_transition_is_refused(start: S, to: S) -> None:
    c = contract(start)
    if start in (S.COMPLETED, S.TERMINATED):
        c = moved(start, c)
    with pytest.raises(IllegalContractTransition) as refused:
        moved(to, c)
    assert refused.value.field == "status"


def test_a_contract_cannot_start_completed() -> None:
    with pytest.raises(IllegalContractTransition):
        new_contract(
            contract_id="k",
            customer_id="c",
            number="N",
            terms=TERMS,
            status=S.COMPLETED,
            at=AT,
            by="a",
        )


def test_an_unsigned_contract_cannot_become_active() -> None:
    unsigned = contract(terms=replace(TERMS, signed_on=None))
    with pytest.raises(InvalidContractTerms) as refused:
        moved(S.ACTIVE, unsigned)
    assert refused.value.field == "signed_on"


def test_termination_needs_a_reason() -> None:
    with pytest.raises(InvalidContractTerms) as refused:
        moved(S.TERMINATED, reason="  ")
    assert refused.value.field == "reason"


def test_a_contract_cannot_close_before_it_was_signed() -> None:
    with pytest.raises(InvalidContractTerms) as refused:
        move(
            contract(S.ACTIVE),
            S.COMPLETED,
            effective_on=date(2026, 11, 1),
            reason=None,
            at=AT,
            by="b",
        )
    assert refused.value.field == "effective_on"


def test_an_amendment_makes_the_next_version_and_keeps_the_reason() -> None:
    c = amend(contract(S.ACTIVE), {"total": "150.00"}, reason=" Scope grew ", at=AT, by="eva")
    assert c.current.version == 2
    assert c.current.changed_fields == ("total",)
    assert (c.current.reason, c.current.recorded_by, c.terms.total_minor) == (
        "Scope grew",
        "eva",
        15_000,
    )
    assert c.revision == "2-active"


def test_a_closed_contract_is_not_amended() -> None:
    with pytest.raises(ContractClosedForAmendment):
        amend(moved(S.COMPLETED, contract(S.ACTIVE)), {"total": "1.00"}, reason="r", at=AT, by="b")


def test_an_active_contract_keeps_its_signing_date() -> None:
    with pytest.raises(InvalidContractTerms) as refused:
        amend(contract(S.ACTIVE), {"signed_on": None}, reason="r", at=AT, by="b")
    assert refused.value.field == "signed_on"


def test_a_stale_revision_is_refused_and_any_matching_one_accepted() -> None:
    c = contract()
    require_revision(c, None)
    require_revision(c, ["0-draft", "1-draft"])
    with pytest.raises(ContractChangedSinceRead):
        require_revision(moved(S.ACTIVE, c), ["1-draft"])


def test_a_contract_signed_in_the_future_cannot_start_active() -> None:
    future = replace(TERMS, signed_on=date(2026, 11, 3))
    with pytest.raises(InvalidContractTerms) as refused:
        contract(S.ACTIVE, terms=future)
    assert refused.value.field == "signed_on"
    assert contract(S.DRAFT, terms=future).terms.signed_on == date(2026, 11, 3)
