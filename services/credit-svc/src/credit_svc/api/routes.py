"""Exposure routes: parse, call the use case, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.schemas import ExposureOut
from credit_svc.use_cases.assess_exposure import assess_exposure
from ledgerflow_events.money import format_minor
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/customers", tags=["exposure"])

# Cashiers post money; judging what a customer may owe is not their duty.
CanReadExposure = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.CREDIT_MANAGER,
            Role.ACCOUNTANT,
            Role.COLLECTOR,
            Role.AUDITOR,
            Role.ADMIN,
            Role.SERVICE,
        )
    ),
]


@router.get(
    "/{customer_id}/exposure",
    response_model=ExposureOut,
    summary="A customer's open and overdue receivables",
)
async def get_exposure(customer_id: str, session: DbSession, _: CanReadExposure) -> ExposureOut:
    exposure = await assess_exposure(CreditUnitOfWork(session), customer_id)
    return ExposureOut(
        customer_id=exposure.customer_id,
        currency=exposure.currency,
        open_amount=format_minor(exposure.open_amount, exposure.currency),
        overdue_amount=format_minor(exposure.overdue_amount, exposure.currency),
    )
