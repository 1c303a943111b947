"""Request pieces customer-svc's routes share: its resources, the vault, who reads personal data."""

from typing import Annotated

from fastapi import Depends, Request

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.resources import CustomerResources
from customer_svc.domain.personal_data import Reader
from ledgerflow_platform.auth.roles import EVERY_ROLE
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.resources import resources_of

Resources = Annotated[CustomerResources, Depends(resources_of(CustomerResources))]


def get_vault(resources: Resources) -> PersonalDataVault:
    return resources.vault


async def current_reader(
    request: Request, principal: Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]
) -> Reader:
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    return Reader(principal.subject, frozenset(principal.roles), f"{request.method} {path}")


Vault = Annotated[PersonalDataVault, Depends(get_vault)]
CurrentReader = Annotated[Reader, Depends(current_reader)]
