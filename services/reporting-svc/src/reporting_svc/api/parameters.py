"""Report query parameters shared by every report, each bounded, refusals naming the parameter."""

from datetime import date, datetime
from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator, AwareDatetime

FIRST_YEAR, LAST_YEAR = 1900, 2200


def _bounded_date(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"dates are from year {FIRST_YEAR} to {LAST_YEAR}")
    return value


def _bounded_time(value: datetime) -> datetime:
    _bounded_date(value.date())
    return value


ReportDate = Annotated[date, AfterValidator(_bounded_date)]
ReportTime = Annotated[AwareDatetime, AfterValidator(_bounded_time)]

AsOf = Annotated[
    ReportDate,
    Query(description="Receivables as they stood at the end of this day", examples=["2026-11-30"]),
]
KnownAt = Annotated[
    ReportTime | None,
    Query(
        description="As known then (RFC 3339 with offset): facts recorded after it are left out",
        examples=["2026-12-01T09:00:00Z"],
    ),
]
CustomerFilter = Annotated[
    str | None, Query(min_length=1, max_length=200, description="Only this customer")
]
BucketEdges = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Increasing bucket edges in days, e.g. 30,60,90 (the default)",
        examples=["30,60,90"],
    ),
]
