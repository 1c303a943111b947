from datetime import UTC, datetime

import pytest

from customer_svc.domain.bank_accounts import BankDetails, InvalidBic, InvalidIban, bank_details
from customer_svc.domain.contacts import (
    Contact,
    ContactRole,
    ContactUnreachable,
    InvalidEmail,
    InvalidPhoneNumber,
    contact_details,
    passing_on_primary,
    phone_number,
)
from customer_svc.domain.personal_data import Sealed

NOW = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "home", "e164"),
    [
        ("030 1234567", "DE", "+49301234567"),
        ("+49 (30) 123-4567", None, "+49301234567"),
        ("138 0013 8000", "CN", "+8613800138000"),
        ("+1 650 253 0000", "CN", "+16502530000"),
    ],
)
def test_phones_are_kept_in_e164(raw: str, home: str | None, e164: str) -> None:
    assert phone_number(raw, home) == e164


@pytest.mark.parametrize(
    ("raw", "home"), [("030 1234567", None), ("+49 30", None), ("phone", "DE")]
)
def test_an_undiallable_phone_is_refused(raw: str, home: str | None) -> None:
    with pytest.raises(InvalidPhoneNumber) as refused:
        phone_number(raw, home)
    assert refused.value.field == "phone"


def test_details_are_normalized_and_roles_deduplicated() -> None:
    details = contact_details(
        " Jane   Doe ", None, "Jane@EXAMPLE.com", ["billing", "billing"], "DE"
    )
    assert (details.name, details.email, details.roles) == (
        "Jane Doe",
        "Jane@example.com",
        (ContactRole.BILLING,),
    )


@pytest.mark.parametrize("email", ["jane", "jane@", "jane@@example.com", "jane@example"])
def test_an_invalid_email_is_refused(email: str) -> None:
    with pytest.raises(InvalidEmail):
        contact_details("Jane", None, email, [], None)


@pytest.mark.parametrize("role", ["billing", "dunning_recipient"])
def test_contacts_we_send_to_need_an_email(role: str) -> None:
    with pytest.raises(ContactUnreachable):
        contact_details("Jane", "+49301234567", None, [role], None)


def test_the_primary_role_passes_from_the_old_primary_to_the_new() -> None:
    old = Contact(
        "k1", "c1", Sealed("x"), None, None, (ContactRole.BILLING, ContactRole.PRIMARY), NOW
    )
    other = Contact("k2", "c1", Sealed("y"), None, None, (ContactRole.BILLING,), NOW)
    new = contact_details("New", None, None, ["primary"], None)

    [former] = passing_on_primary([old, other], new)

    assert (former.id, former.roles, former.version) == ("k1", (ContactRole.BILLING,), 2)
    assert passing_on_primary([old], contact_details("Plain", None, None, [], None)) == []


def test_bank_details_are_kept_compact() -> None:
    assert bank_details("gb82 west 1234 5698 7654 32", "westgb2l", "GBP") == BankDetails(
        "GB82WEST12345698765432", "WESTGB2L", "GBP"
    )


def test_an_iban_with_wrong_check_digits_is_refused() -> None:
    with pytest.raises(InvalidIban) as refused:
        bank_details("GB83WEST12345698765432", None, None)
    assert refused.value.field == "iban"


def test_a_malformed_bic_is_refused() -> None:
    with pytest.raises(InvalidBic):
        bank_details("GB82WEST12345698765432", "WEST", None)
