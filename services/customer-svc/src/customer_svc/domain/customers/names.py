"""One company, one file: a legal name compared as the company is, not as it was typed.

Names are compared by their key: Unicode NFKC (full-width and half-width forms alike),
case-folded, with every space and punctuation mark removed ("Yangtze Components Co., Ltd."
and "YANGTZE COMPONENTS CO LTD" are one name). Two customers of one name are one company,
unless both have a tax id and the two differ: then they are different companies.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ledgerflow_platform.errors import DomainError


class DuplicateCustomerName(DomainError):
    """Another customer is on file under the same legal name: likely the same company."""

    def __init__(self, existing_customer_id: str) -> None:
        super().__init__(
            f"Customer {existing_customer_id} has the same legal name; if this is another "
            "company, say allow_duplicate_name: true.",
            field="name",
        )
        self.existing_customer_id = existing_customer_id


def legal_name_key(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if not unicodedata.category(ch).startswith(("P", "Z", "C")))


@dataclass(frozen=True)
class NameHolder:
    """A customer on file under a name, and its tax id as compared (its blind index)."""

    customer_id: str
    tax_id: str | None


def same_company(holders: Iterable[NameHolder], tax_id: str | None) -> str | None:
    """The first customer of the name that may be the same company: all of them, except
    those with a tax id other than the newcomer's own."""
    for holder in holders:
        if tax_id is None or holder.tax_id is None or holder.tax_id == tax_id:
            return holder.customer_id
    return None
