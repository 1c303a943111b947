"""AES-GCM sealing of personal values, under rotating keys, with keyed blind indexes.

A sealed value is `kid:nonce:ciphertext` (URL-safe base64), so every value names the key
that opens it and keys can rotate while old values stay readable. The field label is the
associated data: a value sealed as a phone cannot be passed off as a tax id.
"""

import base64
import hashlib
import hmac
import logging
import os
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from customer_svc.domain.personal_data import Sealed
from customer_svc.settings import PersonalDataSettings
from ledgerflow_platform.secret_keys import decode_key

log = logging.getLogger(__name__)

NONCE_BYTES = 12
# Published on purpose: only a developer's machine (CUSTOMER_ENV=dev) ever uses them.
DEV_KEY_ID = "dev"
DEV_KEY = hashlib.sha256(b"ledgerflow customer-svc dev personal-data key").digest()
DEV_INDEX_KEY = hashlib.sha256(b"ledgerflow customer-svc dev blind-index key").digest()


class UnreadablePersonalData(Exception):
    """A sealed value cannot be opened: its key is not in the ring, or it was tampered with."""


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class PersonalDataVault:
    """Seals personal values for storage and opens them again, under the ring's active key."""

    def __init__(self, keys: Mapping[str, bytes], active_key_id: str, index_key: bytes) -> None:
        assert active_key_id in keys, "the active key must be in the ring"
        self._ciphers = {kid: AESGCM(key) for kid, key in keys.items()}
        self.active_key_id = active_key_id
        self._index_key = index_key

    def index(self, field: str, value: str) -> str:
        digest = hmac.new(self._index_key, f"{field}\0{value}".encode(), hashlib.sha256)
        return digest.hexdigest()

    def seal(self, field: str, value: str, *, indexed: bool = False) -> Sealed:
        nonce = os.urandom(NONCE_BYTES)
        ciphertext = self._ciphers[self.active_key_id].encrypt(
            nonce, value.encode(), field.encode()
        )
        token = f"{self.active_key_id}:{_b64(nonce)}:{_b64(ciphertext)}"
        return Sealed(token, self.index(field, value) if indexed else None)

    def open(self, field: str, sealed: Sealed | str) -> str:
        token = sealed.token if isinstance(sealed, Sealed) else sealed
        kid, _, rest = token.partition(":")
        nonce, _, ciphertext = rest.partition(":")
        cipher = self._ciphers.get(kid)
        if cipher is None:
            raise UnreadablePersonalData(f"no key {kid!r} in the ring to open a {field}")
        try:
            return cipher.decrypt(_unb64(nonce), _unb64(ciphertext), field.encode()).decode()
        except (InvalidTag, ValueError) as exc:
            raise UnreadablePersonalData(f"a sealed {field} failed authentication") from exc

    def is_current(self, token: str) -> bool:
        return token.startswith(self.active_key_id + ":")


def vault_from_settings(settings: PersonalDataSettings) -> PersonalDataVault:
    if settings.pii_keys is None:
        log.warning("customer personal data sealed with the published dev key (CUSTOMER_ENV=dev)")
        return PersonalDataVault({DEV_KEY_ID: DEV_KEY}, DEV_KEY_ID, DEV_INDEX_KEY)
    keys = {kid: decode_key(key, kid) for kid, key in settings.pii_keys.items()}
    assert settings.pii_active_key is not None
    index_key = DEV_INDEX_KEY
    if settings.pii_index_key is not None:
        index_key = decode_key(settings.pii_index_key, "CUSTOMER_PII_INDEX_KEY")
    return PersonalDataVault(keys, settings.pii_active_key, index_key)
