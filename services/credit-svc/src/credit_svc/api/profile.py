"""The credit profile: how much of its limit a customer has used, and whether it is held."""

from fastapi import APIRouter

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanRead
from credit_svc.api.profile_schemas import CreditProfileOut, profile_out
from credit_svc.use_cases.read_credit_profile import read_credit_profile
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1", tags=["credit profile"])


@router.get(
    "/customers/{customer_id}/credit",
    response_model=CreditProfileOut,
    summary="A customer's credit profile: exposure against its limit, holds and terms",
)
async def get_credit_profile(
    customer_id: str, session: DbSession, now: Now, _: CanRead
) -> CreditProfileOut:
    profile = await read_credit_profile(CreditUnitOfWork(session), customer_id, now)
    return profile_out(profile)
