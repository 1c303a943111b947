"""Payers' bank accounts as the ledger may hold them: fingerprinted and masked, never in clear.

customer-svc owns customers' bank details. The ledger keeps only which fingerprint belongs to
which customer, so an incoming transfer from a known account names its customer; the
fingerprint is a one-way hash, so the ledger's tables never hold an account number.
"""

import hashlib

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


def iban_fingerprint(iban: str) -> str:
    """A stable, one-way key for an account number: recognises a payer, reveals nothing."""
    return hashlib.sha256(b"ledgerflow-iban:" + normalise_iban(iban).encode()).hexdigest()


def mask_iban(iban: str) -> str:
    return "****" + normalise_iban(iban)[-4:]
