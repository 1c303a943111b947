"""Cells of the finance customer table as people type them: dates, amounts, days, numbers."""

import re
from datetime import date

from customer_svc.domain.contracts.terms import InvalidContractTerms
from customer_svc.domain.customers.customer import InvalidPaymentTerms

# 2025-03-15, 2025/3/15, 2025.3.15 or 2025年3月15日, as spreadsheets and people write them.
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00)?)?")
_CONTRACT_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
# Thousands separators (ASCII, full-width and thin spaces) as amounts are often typed.
_GROUPING = re.compile("[,\uff0c\\s\u2009\u202f_]")


def contract_date(raw: str) -> date | None:
    if not raw:
        return None
    match = _DATE.fullmatch(raw)
    try:
        if match:
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise InvalidContractTerms(f"{raw!r} is not a date; write it as YYYY-MM-DD.", field="signed_on")


def contract_number(raw: str) -> str:
    """The number as given; empty when the import is to number the contract."""
    if raw and not _CONTRACT_NUMBER.fullmatch(raw):
        raise InvalidContractTerms(
            f"{raw!r} is not a contract number: letters, digits, '.', '_', '/' or '-'.",
            field="number",
        )
    return raw


def total(raw: str) -> str:
    """The amount without its thousands separators; its scale is the currency's to judge."""
    return _GROUPING.sub("", raw)


def whole_days(raw: str, default: int) -> int:
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise InvalidPaymentTerms(f"{raw!r} is not a whole number of days.", field="days")
    return int(raw)
