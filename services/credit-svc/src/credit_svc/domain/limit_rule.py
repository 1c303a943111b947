"""The limit a grade's rule proposes, in the account currency's minor units.

fixed: the amount. sales_percent: the percent of what we invoiced the customer over the last
12 months; equity_percent: the percent of equity in the latest financial statement (negative
equity gives nothing). A percent rule gives at most its cap, and is rounded down to the minor
unit: the rule never lends a fraction more than it says.
"""

from decimal import ROUND_DOWN, Decimal
from typing import Any

from ledgerflow_events.money import currency_scale


def proposed_limit(
    rule: dict[str, Any], *, sales_12m: int, equity: int | None, currency: str
) -> int:
    if rule["kind"] == "fixed":
        return _minor(rule["amount"], currency)
    base = sales_12m if rule["kind"] == "sales_percent" else max(equity or 0, 0)
    share = int((Decimal(base) * Decimal(str(rule["percent"])) / 100).to_integral_value(ROUND_DOWN))
    cap = rule.get("cap")
    return share if cap is None else min(share, _minor(cap, currency))


def _minor(major: Any, currency: str) -> int:
    """A policy amount, written in major units, in this currency's minor units (rounded down)."""
    scaled = Decimal(str(major)).scaleb(currency_scale(currency))
    return int(scaled.to_integral_value(ROUND_DOWN))
