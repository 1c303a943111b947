from datetime import timedelta

import pytest

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import InvalidToken, issue_token
from ledgerflow_platform.auth.verifier import TokenVerifier
from ledgerflow_platform.testing import KeyPair

KEYS = KeyPair.generate()


def verifier() -> TokenVerifier:
    return TokenVerifier(KEYS.public_pem, issuer="ledgerflow", audience="ledgerflow")


async def test_a_valid_token_names_its_subject_and_roles_and_verifies_again_from_cache() -> None:
    token = issue_token(KEYS.private_pem, ["cashier", "auditor"], subject="ana")
    check = verifier()
    first = await check.verify(token)
    assert (first.subject, first.roles) == ("ana", frozenset({Role.CASHIER, Role.AUDITOR}))
    assert await check.verify(token) is first


async def test_an_expired_token_is_refused() -> None:
    token = issue_token(KEYS.private_pem, ["admin"], ttl=timedelta(seconds=-1))
    with pytest.raises(InvalidToken):
        await verifier().verify(token)


async def test_a_token_signed_by_another_key_or_for_another_audience_is_refused() -> None:
    with pytest.raises(InvalidToken):
        await verifier().verify(issue_token(KeyPair.generate().private_pem, ["admin"]))
    with pytest.raises(InvalidToken):
        await verifier().verify(issue_token(KEYS.private_pem, ["admin"], audience="elsewhere"))
