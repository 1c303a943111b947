"""Where customers' bank accounts are kept, IBANs sealed with a blind index."""

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from customer_svc.adapters.tables.bank_accounts import BankAccountRow
from customer_svc.domain.bank_accounts import BankAccount
from customer_svc.domain.personal_data import Sealed


def _account(row: BankAccountRow) -> BankAccount:
    return BankAccount(
        id=row.id,
        customer_id=row.customer_id,
        iban=Sealed(row.iban_sealed, row.iban_index),
        bic=row.bic,
        currency=row.currency,
        created_at=row.created_at,
    )


class BankAccountRepository:
    """The accounts customers pay from and are refunded to."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, account: BankAccount) -> None:
        assert account.iban.index is not None, "IBANs are indexed to refuse duplicates"
        self._session.add(
            BankAccountRow(
                id=account.id,
                customer_id=account.customer_id,
                iban_sealed=account.iban.token,
                iban_index=account.iban.index,
                bic=account.bic,
                currency=account.currency,
                created_at=account.created_at,
            )
        )

    async def get(self, customer_id: str, account_id: str) -> BankAccount | None:
        row = await self._session.get(BankAccountRow, account_id)
        return _account(row) if row and row.customer_id == customer_id else None

    async def holding(self, customer_id: str, iban_index: str) -> str | None:
        query = select(col(BankAccountRow.id)).where(
            col(BankAccountRow.customer_id) == customer_id,
            col(BankAccountRow.iban_index) == iban_index,
        )
        return (await self._session.execute(query)).scalar_one_or_none()

    async def remove(self, account: BankAccount) -> None:
        await self._session.execute(
            delete(BankAccountRow).where(col(BankAccountRow.id) == account.id)
        )

    async def of_customer(
        self, customer_id: str, *, after: str | None = None, limit: int | None = None
    ) -> list[BankAccount]:
        query = select(BankAccountRow).where(col(BankAccountRow.customer_id) == customer_id)
        if after is not None:
            query = query.where(col(BankAccountRow.id) > after)
        query = query.order_by(col(BankAccountRow.id)).limit(limit)
        return [_account(r) for r in (await self._session.execute(query)).scalars()]
