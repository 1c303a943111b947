"""Routes that change contracts: parse, call the use case, commit, respond with the ETag."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.contracts_read import router as read_router
from customer_svc.api.contracts_render import contract_out
from customer_svc.api.schemas_contracts import (
    AmendContract,
    ChangeContractStatus,
    ContractOut,
    CreateContract,
)
from customer_svc.domain.contracts.contract import Contract, ContractStatus
from customer_svc.use_cases.contracts.amend_contract import amend_contract
from customer_svc.use_cases.contracts.change_contract_status import change_contract_status
from customer_svc.use_cases.contracts.create_contract import create_contract
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.preconditions import (
    OptionalIfMatch,
    RequiredIfMatch,
    accepted_tags,
    etag,
)

router = APIRouter(tags=["contracts"])
router.include_router(read_router)

CanWrite = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]


async def _respond(
    uow: CustomerUnitOfWork,
    contract: Contract,
    idempotency: Idempotent,
    response: Response,
    status: int,
) -> ContractOut:
    body = await contract_out(uow, contract)
    await idempotency.remember(status, body)
    await uow.commit()
    response.headers["ETag"] = etag(contract.revision)
    return body


@router.post(
    "/v1/customers/{customer_id}/contracts",
    status_code=201,
    response_model=ContractOut,
    summary="Put a customer's contract on file, as a draft or signed",
)
async def create(
    customer_id: str,
    body: CreateContract,
    response: Response,
    session: DbSession,
    idempotency: Idempotent,
    principal: CanWrite,
    now: Now,
) -> Response | ContractOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    contract = await create_contract(
        uow,
        customer_id=customer_id,
        **body.model_dump(exclude={"status"}),
        status=ContractStatus(body.status),
        now=now,
        by=principal.subject,
    )
    response.headers["Location"] = f"/v1/contracts/{contract.id}"
    return await _respond(uow, contract, idempotency, response, 201)


@router.post(
    "/v1/contracts/{contract_id}/amendments",
    status_code=201,
    response_model=ContractOut,
    summary="Amend a contract into a new version (send If-Match)",
)
async def amend(
    contract_id: str,
    body: AmendContract,
    response: Response,
    session: DbSession,
    idempotency: Idempotent,
    principal: CanWrite,
    now: Now,
    if_match: RequiredIfMatch,
) -> Response | ContractOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    contract = await amend_contract(
        uow,
        contract_id,
        changes=body.model_dump(exclude_unset=True, exclude={"reason"}),
        reason=body.reason,
        if_revision=accepted_tags(if_match),
        now=now,
        by=principal.subject,
    )
    return await _respond(uow, contract, idempotency, response, 201)


@router.post(
    "/v1/contracts/{contract_id}/status",
    response_model=ContractOut,
    summary="Sign, complete or terminate a contract (If-Match optional)",
)
async def change_status(
    contract_id: str,
    body: ChangeContractStatus,
    response: Response,
    session: DbSession,
    idempotency: Idempotent,
    principal: CanWrite,
    now: Now,
    if_match: OptionalIfMatch,
) -> Response | ContractOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    contract = await change_contract_status(
        uow,
        contract_id,
        to=body.status,
        reason=body.reason,
        effective_on=body.effective_on,
        if_revision=accepted_tags(if_match),
        now=now,
        by=principal.subject,
    )
    return await _respond(uow, contract, idempotency, response, 200)
