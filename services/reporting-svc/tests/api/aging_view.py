"""Today's aging fields of a report, after checking each row's buckets say the same."""

from decimal import Decimal
from typing import Any

from reporting_svc.projections.aging.buckets import DEFAULT_FIELDS

DEFAULT_BUCKETS = [
    ("current", None, 0),
    ("1-30", 1, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("over 90", 91, None),
]


def _legacy_row(row: dict[str, Any]) -> dict[str, Any]:
    spans = [(b["label"], b["from_days"], b["to_days"]) for b in row["buckets"]]
    assert spans == DEFAULT_BUCKETS, row
    assert [b["amount"] for b in row["buckets"]] == [row[f] for f in DEFAULT_FIELDS], row
    return {k: v for k, v in row.items() if k not in ("buckets", "disputed")}


def legacy_view(report: dict[str, Any]) -> dict[str, Any]:
    """as_of, rows and totals with only today's fields; nothing disputed in these histories."""
    for row in report["rows"] + report["totals"]:
        assert Decimal(row["disputed"]) == 0, row
    return {
        "as_of": report["as_of"],
        "rows": [_legacy_row(r) for r in report["rows"]],
        "totals": [_legacy_row(t) for t in report["totals"]],
    }
