"""What the ledger's routes are given beside the request: the resources built once per
process (resources.py)."""

from typing import Annotated

from fastapi import Depends

from ledger_svc.resources import LedgerResources
from ledgerflow_platform.web.resources import resources_of

Resources = Annotated[LedgerResources, Depends(resources_of(LedgerResources))]
