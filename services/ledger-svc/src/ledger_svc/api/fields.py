"""Field types every feature's schemas share. Amounts are decimal strings at the currency's
exact scale."""

from typing import Annotated

from pydantic import StringConstraints

# Scale and sign are judged against the account's currency, so the pattern only asks for digits.
DecimalText = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^-?\d{1,20}(\.\d{1,20})?$")
]

CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]

CustomerId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
