"""collections-svc's unit of work: one transaction over invoices and cases."""

from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.cases import CollectionCases
from collections_svc.adapters.receivables import Receivables
from ledgerflow_platform.unit_of_work import UnitOfWork


class CollectionsUnitOfWork(UnitOfWork):
    """One transaction over the invoices followed and the cases they drive."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.receivables = Receivables(session)
        self.cases = CollectionCases(session)
