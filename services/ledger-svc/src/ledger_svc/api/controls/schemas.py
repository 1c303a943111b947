"""Approval requests as the API shows them."""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from ledger_svc.domain.controls.approvals import ApprovalAction, ApprovalRequest, ApprovalStatus


class ApprovalOut(BaseModel):
    """An action held for a second person: what was asked, by whom, and its decision."""

    id: str
    action: ApprovalAction
    target: str = Field(description="The payment, invoice or customer the action concerns")
    payload: dict[str, Any] = Field(description="The request as made; carried out on approval")
    status: ApprovalStatus
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    result_id: str | None = Field(description="The reversed payment or the credit note issued")


def approval_out(request: ApprovalRequest) -> ApprovalOut:
    return ApprovalOut.model_validate(asdict(request))
