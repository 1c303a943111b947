"""Changing a customer file: PATCH at a known version, and lifecycle moves."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.deps_profile import Vault
from customer_svc.api.errors import conflict
from customer_svc.api.render_profile import customer_out
from customer_svc.api.schemas import ChangeStatus, CustomerOut, UpdateCustomer
from customer_svc.domain.customers.profile import CustomerCodeTaken, DuplicateTaxId
from customer_svc.use_cases.customers.change_customer_status import change_customer_status
from customer_svc.use_cases.customers.update_customer_profile import update_customer_profile
from customer_svc.use_cases.personal_data.disclosure import WRITER, Disclosures
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.preconditions import (
    OptionalIfMatch,
    RequiredIfMatch,
    accepted_versions,
    etag,
)

router = APIRouter(prefix="/v1/customers", tags=["customers"])

CanEdit = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]
CanChangeStatus = Annotated[
    Principal,
    Depends(require_roles(Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.ADMIN, Role.SERVICE)),
]


@router.patch(
    "/{customer_id}",
    response_model=CustomerOut,
    summary="Change fields of a customer file",
    description="Needs `If-Match` with the ETag of the version read (412 if it moved on, "
    "428 if missing). Only the fields sent change; null empties an optional one.",
    responses={
        409: {"description": "Code or tax id taken; `existing_customer_id` names it"},
        412: {"description": "If-Match names a version since replaced: read it again"},
        428: {"description": "If-Match is missing"},
    },
)
async def update_customer(
    customer_id: str,
    _: CanEdit,
    body: UpdateCustomer,
    response: Response,
    session: DbSession,
    vault: Vault,
    if_match: RequiredIfMatch,
    now: Now,
) -> CustomerOut:
    uow = CustomerUnitOfWork(session)
    try:
        customer, _changed = await update_customer_profile(
            uow,
            vault,
            customer_id,
            body.model_dump(exclude_unset=True),
            expected_versions=accepted_versions(if_match),
            now=now,
        )
    except (DuplicateTaxId, CustomerCodeTaken) as exc:
        raise conflict(exc, existing_customer_id=exc.existing_customer_id) from exc
    await uow.commit()
    response.headers["ETag"] = etag(customer.version)
    return customer_out(Disclosures(vault, WRITER).customer(customer))


@router.post(
    "/{customer_id}/status",
    response_model=CustomerOut,
    summary="Activate, suspend, reactivate or close a customer",
    description="Prospect -> active | closed; active <-> suspended; any -> closed; closed is "
    "final. An If-Match header, if sent, must match.",
)
async def change_status(
    customer_id: str,
    _: CanChangeStatus,
    body: ChangeStatus,
    response: Response,
    session: DbSession,
    vault: Vault,
    if_match: OptionalIfMatch,
    now: Now,
) -> CustomerOut:
    uow = CustomerUnitOfWork(session)
    customer = await change_customer_status(
        uow,
        customer_id,
        body.status,
        body.reason,
        expected_versions=accepted_versions(if_match),
        now=now,
    )
    await uow.commit()
    response.headers["ETag"] = etag(customer.version)
    return customer_out(Disclosures(vault, WRITER).customer(customer))
