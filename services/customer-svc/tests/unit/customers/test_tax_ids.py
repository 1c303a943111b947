import pytest

from customer_svc.domain.customers.tax_ids import (
    InvalidTaxId,
    TaxId,
    TaxIdNeedsCountry,
    lookup_forms,
    tax_id,
)


@pytest.mark.parametrize(
    ("country", "raw", "number"),
    [
        ("CN", "9111 0000 6000 3734 1L", "91110000600037341L"),
        ("CN", "91110000600037341l", "91110000600037341L"),
        ("DE", "DE 136 695 976", "136695976"),
        ("DE", "136695976", "136695976"),
        ("FR", "FR 40 303 265 045", "40303265045"),
        ("US", "04-2103594", "042103594"),
        ("GB", "GB 980 7806 84", "980780684"),
    ],
)
def test_a_tax_id_is_validated_for_its_country_and_kept_compact(
    country: str, raw: str, number: str
) -> None:
    assert tax_id(country, raw) == TaxId(country, number)


@pytest.mark.parametrize(
    ("country", "raw"),
    [("CN", "91110000600037341X"), ("CN", "9111000060003734"), ("DE", "DE136695977"), ("US", "1")],
)
def test_a_number_failing_its_country_check_is_refused(country: str, raw: str) -> None:
    with pytest.raises(InvalidTaxId) as refused:
        tax_id(country, raw)
    assert refused.value.field == "tax_id"


def test_the_chinese_check_names_the_unified_social_credit_code() -> None:
    with pytest.raises(InvalidTaxId) as refused:
        tax_id("CN", "91110000600037341X")
    assert refused.value.message == "'91110000600037341X' is not a valid CN tax id (uscc)."


def test_a_country_without_a_known_checksum_accepts_a_plausible_number() -> None:
    assert tax_id("AQ", "ab-1234 5") == TaxId("AQ", "AB12345")
    with pytest.raises(InvalidTaxId):
        tax_id("AQ", "a!")


def test_a_tax_id_without_its_country_is_refused_naming_the_country() -> None:
    with pytest.raises(TaxIdNeedsCountry) as refused:
        tax_id(None, "91110000600037341L")
    assert refused.value.field == "country"


def test_a_searched_number_is_looked_up_with_and_without_its_country_prefix() -> None:
    assert lookup_forms("DE 136-695.976") == {"DE136695976", "136695976"}
    assert lookup_forms("91110000600037341l") == {"91110000600037341L"}
