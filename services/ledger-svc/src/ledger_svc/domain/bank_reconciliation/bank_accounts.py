"""Payers' bank accounts as the ledger may hold them: fingerprinted and masked, never in clear.

customer-svc owns customers' bank details. The ledger keeps only which fingerprint belongs to
which customer, so an incoming transfer from a known account names its customer. An account
number has too little entropy for a plain hash to hide it (country, bank code and a few
digits can be enumerated), so the fingerprint is an HMAC under the ledger's own secret key:
without the key, the ledger's tables say nothing about any account number.
"""

import hashlib
import hmac

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from ledgerflow_platform.errors import DomainError


class InvalidIban(DomainError):
    """Not an IBAN: wrong length, country or check digits."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"Not a valid IBAN: {problem}", field="iban")


def normalise_iban(iban: str) -> str:
    return "".join(iban.split()).upper()


def checked_iban(iban: str) -> str:
    """The IBAN in its compact form, refusing one whose check digits or length are wrong."""
    try:
        return str(IBAN(iban).compact)
    except SchwiftyException as exc:
        raise InvalidIban(str(exc)) from exc


class AccountFingerprints:
    """Stable, keyed, one-way fingerprints of account numbers: recognise a payer, reveal
    nothing to whoever lacks the key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def of(self, iban: str) -> str:
        return hmac.new(self._key, normalise_iban(iban).encode(), hashlib.sha256).hexdigest()


def mask_iban(iban: str) -> str:
    return "****" + normalise_iban(iban)[-4:]
