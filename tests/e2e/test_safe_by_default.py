"""A service deployed without *_ENV set runs as production: it will not start on the
published development keys, and it says which setting it needs in one line."""

import os
import subprocess
import sys

import pytest

from ledgerflow_platform.testing import KeyPair

PUBLIC_KEY = KeyPair.generate().public_pem


def start(service: str) -> subprocess.CompletedProcess[str]:
    prefix = service.upper()
    env = {k: v for k, v in os.environ.items() if not k.startswith(f"{prefix}_")}
    env |= {
        f"{prefix}_DATABASE_URL": f"postgresql+asyncpg://{service}@127.0.0.1:1/{service}",
        f"{prefix}_AUTH_PUBLIC_KEY": PUBLIC_KEY,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and service
        [sys.executable, "-m", f"{service}_svc", "api"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("service", "refusal"),
    [
        (
            "ledger",
            "ledger-svc: set LEDGER_PAYER_ACCOUNT_KEY (LEDGER_ENV=production; only dev may run "
            "on the published dev key)\n",
        ),
        (
            "customer",
            "customer-svc: set CUSTOMER_PII_KEYS, CUSTOMER_PII_ACTIVE_KEY and "
            "CUSTOMER_PII_INDEX_KEY (CUSTOMER_ENV=production; only dev may run on the published "
            "dev key)\n",
        ),
    ],
)
def test_without_env_dev_a_service_refuses_the_published_keys(service: str, refusal: str) -> None:
    started = start(service)
    assert (started.returncode, started.stderr) == (1, refusal)
