"""The dunning notice HTTP contract (issue 11, item 3)."""

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from collections_svc.domain.dunning_policy import Channel
from collections_svc.domain.notice import NoticeStatus

EXAMPLE_NOTICE: JsonDict = {
    "id": "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
    "run_id": "0193a1b2-0000-7e8f-9a0b-1c2d3e4f5a6b",
    "customer_id": "0193a1b0-1111-7e8f-9a0b-1c2d3e4f5a6b",
    "channel": "email",
    "level": 2,
    "status": "sent",
    "invoices": [
        {
            "invoice_id": "0193a1b2-2222-7e8f-9a0b-1c2d3e4f5a6b",
            "number": "INV-2026-00042",
            "level": 2,
            "open_amount": "1190.00",
            "days_past_due": 8,
        }
    ],
    "dropped": [],
    "message_id": "<0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b@collections.ledgerflow.local>",
    "recipients_masked": ["a***@example.com"],
    "suppressed_reason": None,
}


class NoticedInvoiceOut(BaseModel):
    invoice_id: str
    number: str
    level: int = Field(description="The level the invoice reached in the run")
    open_amount: str = Field(description="Open on the invoice at the run (decimal string)")
    days_past_due: int = Field(description="At the run's date; negative before the due date")


class DroppedOut(BaseModel):
    invoice_id: str
    reason: str = Field(
        description="paid, credited, voided, written_off, disputed, promised, paused"
    )


class NoticeOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_NOTICE]})

    id: str
    run_id: str
    customer_id: str
    channel: Channel
    level: int = Field(description="The highest invoice level in it")
    status: NoticeStatus
    invoices: list[NoticedInvoiceOut]
    dropped: list[DroppedOut] = Field(description="Invoices taken out just before sending")
    message_id: str = Field(description="The e-mail's Message-ID, the same on every re-send")
    recipients_masked: list[str]
    suppressed_reason: str | None = None


class NoticePage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [EXAMPLE_NOTICE], "next_cursor": None}]}
    )

    items: list[NoticeOut]
    next_cursor: str | None
