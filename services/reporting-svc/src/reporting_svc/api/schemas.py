"""reporting-svc's aging contract, for the OpenAPI document: amounts are decimal strings at
each currency's scale; a row's group field is named after `group_by` (`customer_id`, `segment`,
`region`, `industry`, `grade`, `collector`; none when grouped by currency)."""

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

_BUCKETS: list[JsonDict] = [
    {"label": "current", "from_days": None, "to_days": 0, "amount": "1200.00"},
    {"label": "1-30", "from_days": 1, "to_days": 30, "amount": "350.50"},
    {"label": "31-60", "from_days": 31, "to_days": 60, "amount": "0.00"},
    {"label": "61-90", "from_days": 61, "to_days": 90, "amount": "0.00"},
    {"label": "over 90", "from_days": 91, "to_days": None, "amount": "80.00"},
]
_ROW_EXAMPLE: JsonDict = {
    "customer_id": "0193a5c2-7f3e-7d41-9a2b-5c1e8f0d4a11",
    "currency": "EUR",
    "current": "1200.00",
    "days_1_30": "350.50",
    "days_31_60": "0.00",
    "days_61_90": "0.00",
    "days_over_90": "80.00",
    "buckets": _BUCKETS,  # type: ignore[dict-item]
    "disputed": "0.00",
    "total": "1630.50",
}


class AgingBucketOut(BaseModel):
    """A span of days past due and what is open in it; current has no from_days, the last
    bucket no to_days."""

    label: str
    from_days: int | None
    to_days: int | None
    amount: str


class AgingRowOut(BaseModel):
    """What one group owes in one currency, by bucket. Under the default buckets the row also
    carries current, days_1_30, days_31_60, days_61_90 and days_over_90."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [_ROW_EXAMPLE]})

    currency: str
    buckets: list[AgingBucketOut]
    disputed: str = Field(description="The open part under an unresolved dispute")
    total: str = Field(description="Everything still open")


class AgingReportOut(BaseModel):
    """Accounts-receivable aging as it stood at the end of as_of, as known at known_at."""

    as_of: str
    known_at: str | None
    basis: str
    group_by: str
    convention: dict[str, str] = Field(description="How every figure was computed")
    buckets: list[dict[str, int | str | None]]
    rows: list[AgingRowOut] = Field(description="Per group and currency, in key order")
    totals: list[AgingRowOut] = Field(description="Per currency; never summed across them")
    next_cursor: str | None
