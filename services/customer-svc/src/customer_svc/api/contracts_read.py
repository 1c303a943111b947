"""Contract routes that read: the current contract, its versions, filtered lists."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.contracts_render import contract_out, summary_out, version_out
from customer_svc.api.schemas_contracts import (
    ContractOut,
    ContractPage,
    ContractVersionOut,
    ContractVersions,
)
from customer_svc.domain.contracts.contract import ContractNotFound, ContractStatus
from ledgerflow_platform.auth.roles import EVERY_ROLE
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor
from ledgerflow_platform.web.preconditions import etag

router = APIRouter(tags=["contracts"])

CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


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
