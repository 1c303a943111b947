"""kcat against the local broker.

Debian bookworm's kcat links librdkafka 2.0.2, which misreads the tagged fields of the
ApiVersions v3 response that Tansu sends, and gives up before any request. The kcat binary is
fine: it runs against the newer librdkafka that ships inside the confluent-kafka wheel, which
keeps the same ABI (librdkafka.so.1).
"""

import os
import shutil
from pathlib import Path

import confluent_kafka

from ledgerflow_devstack.errors import StackError


def _bundled_librdkafka() -> Path:
    libs = Path(confluent_kafka.__file__).resolve().parent.parent / "confluent_kafka.libs"
    found = sorted(libs.glob("librdkafka*.so*"))
    if not found:
        raise StackError(f"no librdkafka found in {libs}")
    return found[0]


def kcat_command(
    bootstrap: str, args: list[str], lib_dir: Path
) -> tuple[list[str], dict[str, str]]:
    """The argv and environment that run kcat on `bootstrap` with a working librdkafka."""
    kcat = shutil.which("kcat")
    if kcat is None:
        raise StackError("kcat is not installed: apt-get install kcat")
    lib_dir.mkdir(parents=True, exist_ok=True)
    link = lib_dir / "librdkafka.so.1"
    target = _bundled_librdkafka()
    if not link.is_symlink() or link.resolve() != target:
        link.unlink(missing_ok=True)
        link.symlink_to(target)
    env = {**os.environ, "LD_LIBRARY_PATH": str(lib_dir)}
    return [kcat, "-b", bootstrap, *args], env
