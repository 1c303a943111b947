"""Writes .env for docker-compose.yml with freshly generated passwords and keys, keeps the
token issuer's private key beside it so you can mint tokens for the APIs, and gives the services
the same key to sign their calls to each other with. Refuses to overwrite."""

import base64
import json
import secrets
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("customer", "ledger", "credit", "collections", "reporting")
# The file docker-compose.yml mounts as the `service-signing-key` secret.
SERVICE_KEY = Path(".ledgerflow") / "compose-secrets" / "service-signing-key.pem"


def key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def write_service_key(path: Path, pem: bytes) -> None:
    """The key the services sign their `service` tokens with, for compose to mount.

    The services verify tokens with the one static AUTH_PUBLIC_KEY, so, as on the local
    platform, their signing key is the issuer's own. Compose mounts a secret file as it is on
    the host, owner and mode included, and the containers run as user 10001: the file must be
    readable by all, so the directory holding it is the owner's alone (0700).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    path.write_bytes(pem)
    path.chmod(0o644)


def main() -> int:
    env_file, issuer_file = ROOT / ".env", ROOT / ".ledgerflow" / "compose-issuer.pem"
    if env_file.exists():
        print(f"{env_file} exists; remove it first to generate new values", file=sys.stderr)
        return 1
    issuer = Ed25519PrivateKey.generate()
    public = issuer.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    values = {
        "POSTGRES_PASSWORD": secrets.token_urlsafe(24),
        **{f"{s.upper()}_DB_PASSWORD": secrets.token_urlsafe(24) for s in SERVICES},
        "CUSTOMER_PII_KEYS": json.dumps({"k1": key()}, separators=(",", ":")),
        "CUSTOMER_PII_ACTIVE_KEY": "k1",
        "CUSTOMER_PII_INDEX_KEY": key(),
        "LEDGER_PAYER_ACCOUNT_KEY": key(),
        "AUTH_PUBLIC_KEY": public.decode().strip().replace("\n", "\\n"),
        "GRAFANA_ADMIN_PASSWORD": secrets.token_urlsafe(18),
    }
    # Single quotes keep the JSON as it is; the PEM's \n needs double quotes to become lines.
    lines = [f'{k}="{v}"' if k == "AUTH_PUBLIC_KEY" else f"{k}='{v}'" for k, v in values.items()]
    env_file.write_text("\n".join(lines) + "\n")
    env_file.chmod(0o600)
    issuer_file.parent.mkdir(exist_ok=True)
    pem = issuer.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    issuer_file.write_bytes(pem)
    issuer_file.chmod(0o600)
    write_service_key(ROOT / SERVICE_KEY, pem)
    print(f"wrote {env_file}, the token issuer's private key {issuer_file} and the services'")
    print(f"signing key {ROOT / SERVICE_KEY}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
