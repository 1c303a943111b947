from datetime import date

from pydantic import BaseModel, ConfigDict

from collections_svc.api.dates import BusinessDate


class StartRun(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"as_of": "2026-12-01"}]}
    )

    as_of: BusinessDate


class RunOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                    "as_of": "2026-12-01",
                    "notices_created": 12,
                }
            ]
        }
    )

    id: str
    as_of: date
    notices_created: int
