from dataclasses import replace
from datetime import UTC, datetime

import pytest

from customer_svc.domain.customers.customer import (
    Customer,
    InvalidPaymentTerms,
    UnsupportedCurrency,
)
from customer_svc.domain.customers.lifecycle import (
    CustomerStatus,
    IllegalStatusTransition,
    InvalidInitialStatus,
    check_transition,
    initial_status,
)
from customer_svc.domain.customers.places import Address, UnknownCountry
from customer_svc.domain.customers.profile import (
    CyclicParentCompany,
    InvalidCustomerCode,
    InvalidSegment,
    StaleCustomerFile,
    ValueRequired,
    check_parent,
    check_version,
    customer_code,
    normalized,
    revise,
    segment_tags,
)
from customer_svc.domain.personal_data import Sealed

NOW = datetime(2026, 11, 1, tzinfo=UTC)
LATER = datetime(2026, 11, 2, tzinfo=UTC)
ACME = Customer("c1", "Acme", "EUR", 30, NOW, code="ACME", tax_id=Sealed("k:n:ct1", "idx1"))


def test_codes_are_filed_in_capitals() -> None:
    assert customer_code(" acme-de.1 ") == "ACME-DE.1"


@pytest.mark.parametrize("raw", ["A", "-ACME", "AC ME", "X" * 33])
def test_a_code_of_another_shape_is_refused(raw: str) -> None:
    with pytest.raises(InvalidCustomerCode):
        customer_code(raw)


def test_segment_tags_are_lowercase_sorted_and_unique() -> None:
    assert segment_tags(["Key-Account", "cn", " CN "]) == ("cn", "key-account")


def test_more_than_twenty_segments_are_refused() -> None:
    with pytest.raises(InvalidSegment):
        segment_tags([f"s{n}" for n in range(21)])


def test_changes_are_normalized_field_by_field() -> None:
    address = {"lines": [" 1 Main St "], "city": " Berlin ", "postal_code": "", "country": "de"}
    assert normalized({"country": "de", "region": "  ", "billing_address": address}) == {
        "country": "DE",
        "region": None,
        "billing_address": Address(("1 Main St",), "Berlin", None, "DE"),
    }


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"name": None}, ValueRequired, "name"),
        ({"currency": "XAU"}, UnsupportedCurrency, "currency"),
        ({"payment_terms_days": 366}, InvalidPaymentTerms, "payment_terms_days"),
        ({"country": "ZZ"}, UnknownCountry, "country"),
        (
            {"shipping_address": {"lines": ["x"], "city": "y", "country": "QQ"}},
            UnknownCountry,
            "shipping_address.country",
        ),
    ],
)
def test_a_bad_change_names_its_field(changes: dict[str, object], error: type, field: str) -> None:
    with pytest.raises(error) as refused:
        normalized(changes)
    assert refused.value.field == field


def test_a_revision_bumps_the_version_and_names_what_really_changed() -> None:
    revised, changed = revise(ACME, {"name": "Acme", "region": "EMEA", "segments": ("a",)}, LATER)
    assert changed == ("region", "segments")
    assert (revised.version, revised.updated_at, revised.region) == (2, LATER, "EMEA")


def test_a_tax_id_resealed_unchanged_is_not_a_change() -> None:
    same_number = Sealed("k:n2:ct2", "idx1")
    assert revise(ACME, {"tax_id": same_number}, LATER) == (ACME, ())
    assert revise(ACME, {"tax_id": Sealed("k:n3:ct3", "idx2")}, LATER)[1] == ("tax_id",)


def test_a_stale_version_is_refused() -> None:
    check_version(ACME, None)
    check_version(ACME, [1])
    with pytest.raises(StaleCustomerFile):
        check_version(replace(ACME, version=2), [1])


def test_a_company_cannot_be_its_own_ancestor() -> None:
    check_parent("c1", "c2", ["c3"])
    check_parent(None, "c1", [])
    with pytest.raises(CyclicParentCompany):
        check_parent("c1", "c1", [])
    with pytest.raises(CyclicParentCompany):
        check_parent("c1", "c2", ["c3", "c1"])


ALLOWED = {
    ("prospect", "active"),
    ("prospect", "closed"),
    ("active", "suspended"),
    ("active", "closed"),
    ("suspended", "active"),
    ("suspended", "closed"),
}


@pytest.mark.parametrize("current", list(CustomerStatus))
@pytest.mark.parametrize("target", list(CustomerStatus))
def test_only_the_lifecycle_moves_are_allowed_and_closed_is_final(
    current: CustomerStatus, target: CustomerStatus
) -> None:
    if (current.value, target.value) in ALLOWED:
        check_transition(current, target)
    else:
        with pytest.raises(IllegalStatusTransition):
            check_transition(current, target)


def test_a_new_customer_starts_as_prospect_or_active() -> None:
    assert initial_status("prospect") is CustomerStatus.PROSPECT
    with pytest.raises(InvalidInitialStatus):
        initial_status("suspended")
