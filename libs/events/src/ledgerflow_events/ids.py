"""UUIDv7 ids for thousands of records at once, in the order they are made: for batches,
imports and the events they emit. One random draw per batch, not one system call per id."""

import secrets
import time
from collections.abc import Iterator

_RANDOM_BITS = 74
_VERSION_7 = 0x7 << 76
_VARIANT = 0b10 << 62
_LOW_62 = (1 << 62) - 1


def time_ordered_ids() -> Iterator[str]:
    """UUIDv7s of this millisecond: one random start counted up, so they sort as they are made.

    uuid6.uuid7 keeps order by moving its clock a millisecond ahead for each id made within the
    same millisecond: for a table of thousands that would date ids minutes into the future.
    """
    stamp = (time.time_ns() // 1_000_000) << 80
    # Half the random space: counting up from here cannot overflow into the timestamp.
    counter = secrets.randbits(_RANDOM_BITS - 1)
    while True:
        counter += 1
        value = stamp | _VERSION_7 | (counter >> 62) << 64 | _VARIANT | (counter & _LOW_62)
        text = f"{value:032x}"
        yield f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
