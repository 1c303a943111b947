"""Amounts as a reader of a printed document expects them: 1,280,000.00."""

import re
from decimal import Decimal

_PLAIN = re.compile(r"^(-?)(\d+)(\.\d+)?$")


def with_thousands(amount: str | Decimal) -> str:
    """A decimal amount with a comma between each group of three digits, its fraction kept as
    given (the currency's scale: "1280000.00" -> "1,280,000.00", "-1500" -> "-1,500").

    Takes the decimal string the services already format at the currency's scale, so no
    rounding happens here."""
    text = format(amount, "f") if isinstance(amount, Decimal) else amount
    found = _PLAIN.match(text)
    if found is None:
        raise ValueError(f"not a plain decimal amount: {text!r}")
    sign, whole, fraction = found.groups()
    return f"{sign}{int(whole):,}{fraction or ''}"
