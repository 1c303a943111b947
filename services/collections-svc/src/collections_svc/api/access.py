"""Who may do what in collections, and the service's resources, as route dependencies."""

from typing import Annotated

from fastapi import Depends

from collections_svc.resources import CollectionsResources
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.resources import resources_of

# Cashiers post money; who is chased for it is not their business.
CanReadCollections = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.COLLECTOR,
            Role.CREDIT_MANAGER,
            Role.ACCOUNTANT,
            Role.AUDITOR,
            Role.ADMIN,
            Role.SERVICE,
        )
    ),
]
# Policies decide how hard customers are chased: a credit decision.
CanSetPolicy = Annotated[Principal, Depends(require_roles(Role.CREDIT_MANAGER, Role.ADMIN))]
# Runs are started by hand or by a scheduler calling with its service token.
CanRunDunning = Annotated[
    Principal, Depends(require_roles(Role.CREDIT_MANAGER, Role.ADMIN, Role.SERVICE))
]
# Statements go to every customer owing: a credit manager's or an administrator's call.
CanMailStatements = Annotated[Principal, Depends(require_roles(Role.CREDIT_MANAGER, Role.ADMIN))]
CanHoldDunning = Annotated[
    Principal, Depends(require_roles(Role.COLLECTOR, Role.CREDIT_MANAGER, Role.ADMIN))
]
Resources = Annotated[CollectionsResources, Depends(resources_of(CollectionsResources))]
