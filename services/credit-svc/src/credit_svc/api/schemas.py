"""credit-svc's HTTP contract."""

from pydantic import BaseModel, ConfigDict, Field


class ExposureOut(BaseModel):
    """What a customer owes us now and how much of it is overdue."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer_id": "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                    "currency": "EUR",
                    "open_amount": "1250.00",
                    "overdue_amount": "400.00",
                }
            ]
        }
    )

    customer_id: str
    currency: str = Field(description="ISO 4217 account currency")
    open_amount: str = Field(description="Everything the customer owes us now, decimal string")
    overdue_amount: str = Field(description="The part of open_amount past its due date")
