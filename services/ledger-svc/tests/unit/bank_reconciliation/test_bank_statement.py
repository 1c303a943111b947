import hashlib
from datetime import date

import pytest

from ledger_svc.domain.bank_reconciliation.bank_accounts import (
    AccountFingerprints,
    InvalidIban,
    checked_iban,
    mask_iban,
)
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankStatementEntry,
    Direction,
    line_keys,
)

MAR2 = date(2026, 3, 2)


def entry(
    amount: int, reference: str | None = "E2E-1", bank_reference: str | None = None
) -> BankStatementEntry:
    return BankStatementEntry(
        MAR2, None, Direction.CREDIT, amount, "EUR", reference, None, bank_reference
    )


def test_two_equal_transfers_in_a_day_are_two_lines_and_a_file_repeating_them_adds_none() -> None:
    first = line_keys("DE89370400440532013000", [entry(100), entry(100)])
    again = line_keys("DE89370400440532013000", [entry(100), entry(100), entry(100)])

    assert len(set(first)) == 2
    assert again[:2] == first
    assert again[2] not in first


def test_a_line_key_depends_on_account_amount_reference_and_the_banks_line_id() -> None:
    base = line_keys("ACC-1", [entry(100)])[0]

    assert line_keys("ACC-2", [entry(100)])[0] != base
    assert line_keys("ACC-1", [entry(101)])[0] != base
    assert line_keys("ACC-1", [entry(100, reference="E2E-2")])[0] != base
    assert line_keys("ACC-1", [entry(100, bank_reference="B-1")])[0] != base
    # Spacing and case of the payer's reference do not make a new line.
    assert line_keys("ACC-1", [entry(100, reference=" e2e-1 ")])[0] == base


def test_an_account_is_recognised_however_it_is_spaced_but_never_stored_in_clear() -> None:
    fingerprints = AccountFingerprints(b"k" * 32)
    fingerprint = fingerprints.of("DE89370400440532013000")

    assert fingerprints.of("de89 3704 0044 0532 0130 00") == fingerprint
    assert "0532013000" not in fingerprint
    assert mask_iban("DE89 3704 0044 0532 0130 00") == "****3000"


def test_without_the_key_a_fingerprint_cannot_be_recomputed_from_a_guessed_account() -> None:
    iban = "DE89370400440532013000"
    ours = AccountFingerprints(b"k" * 32).of(iban)

    assert AccountFingerprints(b"x" * 32).of(iban) != ours
    assert hashlib.sha256(iban.encode()).hexdigest() != ours


def test_an_iban_with_wrong_check_digits_is_refused() -> None:
    assert checked_iban("de89 3704 0044 0532 0130 00") == "DE89370400440532013000"
    with pytest.raises(InvalidIban) as refused:
        checked_iban("DE88370400440532013000")
    assert refused.value.field == "iban"
