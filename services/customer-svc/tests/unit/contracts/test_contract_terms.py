from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from customer_svc.domain.contracts.terms import (
    MAX_TOTAL_MINOR,
    ContractTerms,
    InvalidContractTerms,
    NothingToAmend,
    amended_terms,
    changed_fields,
    contract_terms,
    parse_total,
)
from ledgerflow_events.money import format_minor

TERMS = ContractTerms(
    project="Harbour warehouse",
    signed_on=date(2026, 11, 2),
    currency="EUR",
    total_minor=25_000_000,
    payment_terms_days=30,
    payment_cycle="monthly",
    notes=None,
)


def test_a_total_is_kept_exactly_to_the_cent() -> None:
    assert parse_total("250000.10", "EUR") == 25_000_010
    assert parse_total("0.01", "EUR") == 1
    assert parse_total("1200", "JPY") == 1200
    assert parse_total("1.234", "KWD") == 1234


@pytest.mark.parametrize(
    ("total", "currency"),
    [("10.005", "EUR"), ("0", "EUR"), ("-5.00", "EUR"), ("0.00", "USD"), ("12.5", "JPY")],
)
def test_a_total_that_is_not_a_positive_amount_of_the_currency_is_refused(
    total: str, currency: str
) -> None:
    with pytest.raises(InvalidContractTerms) as refused:
        parse_total(total, currency)
    assert refused.value.field == "total"


def test_a_total_beyond_any_contract_is_refused_before_it_can_overflow_storage() -> None:
    assert parse_total(format_minor(MAX_TOTAL_MINOR, "EUR"), "EUR") == MAX_TOTAL_MINOR
    with pytest.raises(InvalidContractTerms):
        parse_total("10000000000000.00", "EUR")


@given(st.integers(min_value=1, max_value=MAX_TOTAL_MINOR), st.sampled_from(["EUR", "JPY", "KWD"]))
def test_every_total_survives_the_trip_through_its_decimal_text(minor: int, currency: str) -> None:
    assert parse_total(format_minor(minor, currency), currency) == minor


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999"), places=2))
def test_a_cent_amount_is_stored_as_that_many_cents(amount: Decimal) -> None:
    assert parse_total(str(amount), "EUR") == int(amount * 100)


def test_new_terms_refuse_an_unknown_currency_naming_it() -> None:
    with pytest.raises(InvalidContractTerms) as refused:
        contract_terms(
            project="P",
            signed_on=None,
            currency="ABC",
            total="1.00",
            payment_terms_days=30,
            payment_cycle=None,
            notes=None,
        )
    assert refused.value.field == "currency"


def test_an_amendment_changes_only_the_terms_it_names() -> None:
    after = amended_terms(TERMS, {"total": "275000.00", "payment_cycle": "quarterly"})
    assert after == ContractTerms(
        "Harbour warehouse", date(2026, 11, 2), "EUR", 27_500_000, 30, "quarterly", None
    )
    assert changed_fields(TERMS, after) == ("total", "payment_cycle")


def test_an_amendment_may_clear_notes_but_not_the_total() -> None:
    noted = amended_terms(TERMS, {"notes": "call first"})
    assert amended_terms(noted, {"notes": None}).notes is None
    with pytest.raises(InvalidContractTerms) as refused:
        amended_terms(TERMS, {"total": None})
    assert refused.value.field == "total"


def test_a_new_currency_needs_a_new_total() -> None:
    with pytest.raises(InvalidContractTerms) as refused:
        amended_terms(TERMS, {"currency": "USD"})
    assert refused.value.field == "total"
    moved = amended_terms(TERMS, {"currency": "JPY", "total": "3900000"})
    assert (moved.currency, moved.total_minor) == ("JPY", 3_900_000)


def test_an_amendment_restating_the_same_terms_changes_nothing_and_is_refused() -> None:
    same = amended_terms(TERMS, {"total": "250000.00", "project": " Harbour warehouse "})
    with pytest.raises(NothingToAmend):
        changed_fields(TERMS, same)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"payment_terms_days": 400}, "payment_terms_days"),
        ({"project": "   "}, "project"),
        ({"number": "C-2"}, "number"),
        ({"total": "1.001"}, "total"),
    ],
)
def test_a_bad_amendment_names_its_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidContractTerms) as refused:
        amended_terms(TERMS, changes)
    assert refused.value.field == field
