"""Who may do what in credit control: credit managers decide; accountants, collectors and
auditors read; order systems (service tokens) check credit and reserve it; cashiers neither."""

from typing import Annotated

from fastapi import Depends

from credit_svc.adapters.resources import CreditResources
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.resources import resources_of

CanRead = Annotated[
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
CanDecide = Annotated[Principal, Depends(require_roles(Role.CREDIT_MANAGER))]
# Named: the credit check's route applies it itself to the requests it answers directly.
CHECKERS = require_roles(Role.CREDIT_MANAGER, Role.ADMIN, Role.SERVICE)
CanCheck = Annotated[Principal, Depends(CHECKERS)]
Resources = Annotated[CreditResources, Depends(resources_of(CreditResources))]
