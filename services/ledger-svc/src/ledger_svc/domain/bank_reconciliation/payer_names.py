"""Payers' names as a bank line carries them, compared with customers' legal names and aliases.

A bank writes a payer's name as the payer's bank has it: other case, other spacing, full-width
characters, "Co., Ltd." or "Co Ltd". Both sides are compared in one normal form: Unicode NFKC,
case-folded, with whitespace and punctuation removed. "上海华东贸易有限公司" and
"上海 华东贸易 有限公司" are the same payer; "ACME Trading Ltd." and "acme trading ltd" too.
"""

import unicodedata

from ledgerflow_platform.errors import DomainError

MAX_PAYER_NAME = 200
MAX_ALIASES = 20


class InvalidPayerName(DomainError):
    """A payer name with nothing left to compare once spacing and punctuation are removed."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"{name!r} has no letters or digits to recognise a payer by.", field="name"
        )


def name_key(name: str) -> str:
    """The normal form two names are compared in (module docstring)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(
        c for c in folded if not c.isspace() and not unicodedata.category(c).startswith(("P", "S"))
    )


def checked_name_key(name: str) -> str:
    key = name_key(name)
    if not key:
        raise InvalidPayerName(name)
    return key
