"""The dunning policy HTTP contract."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.config import JsonValue

from collections_svc.domain.dunning_policy import Channel, Escalation, PolicyStatus, Template

Money = Annotated[str, StringConstraints(pattern=r"^\d{1,13}(\.\d{1,4})?$")]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]

EXAMPLE_LEVELS: list[JsonValue] = [
    {"level": 1, "days_from_due": -5, "channel": "email", "template": "reminder"},
    {"level": 2, "days_from_due": 7, "channel": "email", "template": "notice"},
    {
        "level": 3,
        "days_from_due": 21,
        "channel": "email",
        "template": "final_notice",
        "fee": "10.00",
    },
]


class LevelIn(BaseModel):
    """A step of the policy, due `days_from_due` days after the due date (negative: before)."""

    model_config = ConfigDict(extra="forbid")

    level: int = Field(ge=1, le=20, description="1 for the first step, then 2, 3…")
    days_from_due: int = Field(ge=-365, le=3650, description="Negative: a reminder before due")
    channel: Channel
    template: Template
    fee: Money | None = Field(
        default=None, description="Charged by the ledger in the invoice's currency"
    )
    escalation: Escalation | None = None


class LevelOut(BaseModel):
    level: int
    days_from_due: int
    channel: Channel
    template: Template
    fee: str | None
    escalation: Escalation | None


class DraftPolicy(BaseModel):
    """A new dunning policy, or a new version of one with the same name, as a draft."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "strict", "levels": EXAMPLE_LEVELS}]},
    )

    name: str = Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    levels: list[LevelIn] = Field(min_length=1, max_length=20)
    min_days_between_notices: int = Field(default=7, ge=0, le=365)
    min_amount: dict[Currency, Money] = Field(
        default_factory=dict,
        max_length=200,
        description="Invoices open for less (per currency) are not dunned",
    )
    promise_grace_days: int = Field(default=3, ge=0, le=90)


class PolicyOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                    "name": "strict",
                    "version": 2,
                    "status": "active",
                    "is_default": False,
                    "levels": EXAMPLE_LEVELS,
                    "min_days_between_notices": 7,
                    "min_amount": {"EUR": "5.00"},
                    "promise_grace_days": 3,
                }
            ]
        }
    )

    id: str
    name: str
    version: int
    status: PolicyStatus
    is_default: bool = Field(
        description="The version in force of the policy customers follow unless one is assigned"
    )
    levels: list[LevelOut]
    min_days_between_notices: int
    min_amount: dict[str, str]
    promise_grace_days: int


class PolicyPage(BaseModel):
    items: list[PolicyOut]
    next_cursor: str | None


class AssignPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    policy_id: str = Field(min_length=1, max_length=64)


class CustomerPolicyOut(BaseModel):
    customer_id: str
    policy: PolicyOut = Field(description="The version in force the customer now follows")
