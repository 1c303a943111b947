"""A report pack's period: a month (2026-10) or a quarter (2026-Q3). Pure rules, no I/O."""

import calendar
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ledgerflow_events.money import to_minor
from ledgerflow_platform.errors import DomainError

PERIOD = re.compile(r"^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$")


class InvalidPeriodName(DomainError):
    """Not a month (YYYY-MM) or a quarter (YYYY-Qn) between 1900 and 2200."""


def period_span(name: str) -> tuple[date, date]:
    found = PERIOD.match(name)
    if found is None or not 1900 <= int(found.group(1)) <= 2200:
        raise InvalidPeriodName("give a month (2026-10) or a quarter (2026-Q3)", field="period")
    year = int(found.group(1))
    if found.group(2):
        first_month = last_month = int(found.group(2))
    else:
        last_month = int(found.group(3)) * 3
        first_month = last_month - 2
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


def ledger_balances(entries: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Receivable debits less credits per currency, in minor units, from the ledger's journal
    entries as its REST API gives them (amounts as decimal strings)."""
    sums: dict[str, int] = {}
    for entry in entries:
        for line in entry["lines"]:
            if line["account"] != "receivable":
                continue
            cur = line["currency"]
            change = to_minor(line["debit"], cur) - to_minor(line["credit"], cur)
            sums[cur] = sums.get(cur, 0) + change
    return sums
