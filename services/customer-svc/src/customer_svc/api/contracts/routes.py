"""Contracts: read them and their versions; put them on file, amend them, move their status.
Parse, call the use case, commit, respond with the ETag."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.contracts.render import contract_out, summary_out, version_out
from customer_svc.api.contracts.schemas import (
    AmendContract,
    ChangeContractStatus,
    ContractOut,
    ContractPage,
    ContractVersionOut,
    ContractVersions,
    CreateContract,
)
from customer_svc.domain.contracts.contract import Contract, ContractNotFound, ContractStatus
from customer_svc.use_cases.contracts.amend_contract import amend_contract
from customer_svc.use_cases.contracts.change_contract_status import change_contract_status
from customer_svc.use_cases.contracts.create_contract import create_contract
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor
from ledgerflow_platform.web.preconditions import (
    OptionalIfMatch,
    RequiredIfMatch,
    accepted_tags,
    etag,
)

router = APIRouter(tags=["contracts"])

CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]
CanWrite = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]


@router.get("/v1/contracts", response_model=ContractPage, summary="Contracts, filtered, paged")
async def list_contracts(
    session: DbSession,
    _: CanRead,
    customer_id: str | None = None,
    status: ContractStatus | None = None,
    project: Annotated[str | None, Query(max_length=200, description="Part of the project")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ContractPage:
    contracts = await CustomerUnitOfWork(session).contracts.page(
        customer_id=customer_id,
        status=status,
        project=project,
        after=decode_cursor(cursor),
        limit=limit,
    )
    return ContractPage(
        items=[summary_out(c) for c in contracts],
        next_cursor=next_cursor([c.id for c in contracts], limit),
    )


@router.get(
    "/v1/contracts/{contract_id}",
    response_model=ContractOut,
    summary="A contract now, with every version and status change",
)
async def get_contract(
    contract_id: str, response: Response, session: DbSession, _: CanRead
) -> ContractOut:
    uow = CustomerUnitOfWork(session)
    contract = await uow.contracts.get(contract_id)
    if contract is None:
        raise ContractNotFound(f"No contract with id {contract_id}.")
    response.headers["ETag"] = etag(contract.revision)
    return await contract_out(uow, contract)


@router.get(
    "/v1/contracts/{contract_id}/versions",
    response_model=ContractVersions,
    summary="Every version of a contract's terms, first to current",
)
async def list_versions(contract_id: str, session: DbSession, _: CanRead) -> ContractVersions:
    versions = await CustomerUnitOfWork(session).contracts.versions(contract_id)
    if not versions:
        raise ContractNotFound(f"No contract with id {contract_id}.")
    return ContractVersions(items=[version_out(v) for v in versions])


@router.get(
    "/v1/contracts/{contract_id}/versions/{version}",
    response_model=ContractVersionOut,
    summary="One version of a contract's terms",
)
async def get_version(
    contract_id: str, version: int, session: DbSession, _: CanRead
) -> ContractVersionOut:
    versions = await CustomerUnitOfWork(session).contracts.versions(contract_id)
    found = next((v for v in versions if v.version == version), None)
    if found is None:
        raise ContractNotFound(f"Contract {contract_id} has no version {version}.")
    return version_out(found)


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
