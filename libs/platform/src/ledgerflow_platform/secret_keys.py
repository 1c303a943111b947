"""Secret keys as services take them from the environment: base64 of 32 random bytes."""

import base64
import binascii

KEY_BYTES = 32


def decode_key(encoded: str, name: str) -> bytes:
    """A key in standard or URL-safe base64, padded or not; `name` says which, if refused."""
    text = encoded.strip().replace("-", "+").replace("_", "/")
    try:
        key = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        key = b""
    if len(key) != KEY_BYTES:
        raise ValueError(f"{name} must be the base64 of {KEY_BYTES} random bytes")
    return key
