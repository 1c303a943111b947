"""The HTTP contract of assignment rules."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.config import JsonValue

# Codes as customer-svc's events carry them.
Code = Annotated[str, StringConstraints(min_length=1, max_length=80, strip_whitespace=True)]
UserId = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]

EXAMPLE_RULES: list[JsonValue] = [
    {"region": "north", "segment": "enterprise", "collectors": ["colin", "carla"]},
    {"region": "north", "collectors": ["nina"]},
    {"collectors": ["pat"]},
]


class RuleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    region: Code | None = Field(default=None, description="Only customers of this region")
    segment: Code | None = Field(default=None, description="Only customers in this segment")
    collectors: list[UserId] = Field(
        min_length=1, max_length=50, description="Who gets its cases, in turn (user ids)"
    )


class SetRules(BaseModel):
    """The whole ordered list; the first rule matching a customer assigns its new cases."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"rules": EXAMPLE_RULES}]}
    )

    rules: list[RuleIn] = Field(max_length=100)


class RuleOut(BaseModel):
    position: int = Field(description="0 for the rule tried first")
    region: str | None
    segment: str | None
    collectors: list[str]
    next_collector: str = Field(description="Who gets the next case this rule assigns")


class RulesOut(BaseModel):
    version: int = Field(description="0 until rules are first set; each change adds one")
    set_at: datetime | None
    rules: list[RuleOut]
