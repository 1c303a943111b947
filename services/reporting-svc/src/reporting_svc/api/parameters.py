"""Report query parameters shared by every report, each bounded, refusals naming the parameter."""

from typing import Annotated

from fastapi import Query

from ledgerflow_platform.web.bounds import BusinessDate, BusinessTime

ReportDate = BusinessDate
ReportTime = BusinessTime

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
