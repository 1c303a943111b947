"""The key payers' bank accounts are fingerprinted with, as configured for this process."""

from typing import Annotated

from fastapi import Depends, Request

from ledger_svc.api.configured import configured
from ledger_svc.domain.bank_reconciliation.bank_accounts import AccountFingerprints
from ledger_svc.settings import PayerAccountSettings


async def payer_fingerprints(request: Request) -> AccountFingerprints:
    return configured(
        request,
        "ledger_payer_fingerprints",
        PayerAccountSettings,
        lambda settings: AccountFingerprints(settings.payer_key()),
    )


PayerFingerprints = Annotated[AccountFingerprints, Depends(payer_fingerprints)]
