"""The key payers' bank accounts are fingerprinted with, as configured for this process."""

from typing import Annotated

from fastapi import Depends, Request

from ledger_svc.domain.bank_accounts import AccountFingerprints
from ledger_svc.settings import PayerAccountSettings


async def payer_fingerprints(request: Request) -> AccountFingerprints:
    """From the app's settings if the platform put them on the app, else from the LEDGER_
    environment; decided once per app."""
    state = request.app.state
    fingerprints: AccountFingerprints | None = getattr(state, "ledger_payer_fingerprints", None)
    if fingerprints is None:
        settings = getattr(state, "settings", None)
        if not isinstance(settings, PayerAccountSettings):
            settings = PayerAccountSettings()
        fingerprints = AccountFingerprints(settings.payer_key())
        state.ledger_payer_fingerprints = fingerprints
    return fingerprints


PayerFingerprints = Annotated[AccountFingerprints, Depends(payer_fingerprints)]
