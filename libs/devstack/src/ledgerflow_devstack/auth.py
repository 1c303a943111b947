"""The local signing keys: made on first use, shared by `up`, `token` and the services."""

from datetime import timedelta

from ledgerflow_devstack.config import StackConfig
from ledgerflow_platform.auth.keys import generate_key_pair
from ledgerflow_platform.auth.tokens import issue_token


def ensure_keys(config: StackConfig) -> None:
    generate_key_pair(config.private_key, config.public_key)


def token_for(
    config: StackConfig,
    role: str,
    *,
    subject: str | None = None,
    ttl: timedelta = timedelta(hours=12),
) -> str:
    """A bearer token for one role, signed with this platform's key."""
    ensure_keys(config)
    private_pem = config.private_key.read_bytes()
    return issue_token(private_pem, [role], subject=subject or f"local-{role}", ttl=ttl)
