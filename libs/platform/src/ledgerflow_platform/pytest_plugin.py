"""Fixtures every service's tests share."""

import pytest

from ledgerflow_platform.testing import KeyPair


@pytest.fixture(scope="session")
def auth_keys() -> KeyPair:
    """A signing key pair for the test session; services verify with its public half."""
    return KeyPair.generate()
