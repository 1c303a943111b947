"""Fixtures every service's tests share, and the property tests' settings."""

import pytest
from hypothesis import HealthCheck, settings

from ledgerflow_platform.testing import KeyPair

# `make test` runs its lanes side by side on two cores: how fast examples are generated or run
# says nothing about the code under test, so neither a slow draw nor a slow example fails it.
settings.register_profile("ledgerflow", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ledgerflow")


@pytest.fixture(scope="session")
def auth_keys() -> KeyPair:
    """A signing key pair for the test session; services verify with its public half."""
    return KeyPair.generate()
