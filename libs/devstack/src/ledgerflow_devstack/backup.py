"""`ledgerflow backup DIR` and `ledgerflow restore DIR`: every service's database, dumped
and restored with the embedded Postgres's own pg_dump and pg_restore, so that nothing is
applied twice or lost.

The databases cannot be dumped at one instant, and need not be. Each dump is a consistent
snapshot of one service; they are taken consumers first (`BACKUP_ORDER`), so whatever a
consumer's inbox holds, the outbox of its producer, dumped later, holds too: no service is
ever restored knowing of an event its producer no longer has. The broker keeps nothing and
is not backed up. A restore starts it empty (offsets and all), and every outbox is replayed
into it: a consumer applies what its restored inbox lacks (events its producer committed
after the consumer's dump) and skips the rest.
"""

import json
import subprocess
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from ledgerflow_devstack.config import HOST, SERVICES
from ledgerflow_devstack.errors import StackError
from ledgerflow_devstack.stack import Stack

# Who consumes whose events, as the services declare it (ServiceSpec.consumes).
CONSUMES: Final = {
    "customer": (),
    "ledger": ("customer",),
    "credit": ("customer", "ledger"),
    "collections": ("customer", "ledger"),
    "reporting": ("customer", "ledger"),
}
MANIFEST: Final = "manifest.json"
FORMAT: Final = 1


def backup_order() -> list[str]:
    """Every service after all that consume its events: downstream dumped first."""
    order: list[str] = []
    while len(order) < len(CONSUMES):
        ready = [
            name
            for name in SERVICES
            if name not in order
            and all(c in order for c, sources in CONSUMES.items() if name in sources)
        ]
        if not ready:
            raise StackError("services consume each other's events in a circle: no safe order")
        order += ready
    return order


@dataclass(frozen=True)
class Manifest:
    created_at: str
    order: list[str]
    files: dict[str, str]


def backup(stack: Stack, directory: Path) -> Manifest:
    """Dump every service's database into `directory` while the platform runs."""
    if not stack.postgres.is_healthy():
        raise StackError("Postgres is not running: `ledgerflow up` first")
    # Customer-svc's dump holds personal data (sealed, but still): for its owner's eyes.
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if (directory / MANIFEST).exists():
        raise StackError(f"{directory} already holds a backup; choose an empty directory")
    files = {}
    for name in backup_order():
        files[name] = f"{name}.dump"
        _pg(stack, "pg_dump", name, "-Fc", "-f", str(directory / files[name]))
        (directory / files[name]).chmod(0o600)
    manifest = Manifest(datetime.now(UTC).isoformat(), backup_order(), files)
    (directory / MANIFEST).write_text(
        json.dumps({"format": FORMAT, **asdict(manifest)}, indent=2) + "\n"
    )
    return manifest


def restore(stack: Stack, directory: Path, timeout: float = 180.0) -> Manifest:
    """Replace every service's database with the backup in `directory`, then start the
    platform on an empty broker and replay every outbox into it."""
    manifest = read_manifest(directory)
    stack.stop_all_but_postgres()
    stack.start_postgres()
    for name in manifest.order:
        stack.postgres.drop_database(name)
        stack.postgres.create_service_database(name)
        dump = str(directory / manifest.files[name])
        _pg(stack, "pg_restore", name, "--no-owner", "--exit-on-error", dump)
    stack.up(demo=False, timeout=timeout)
    return manifest


def read_manifest(directory: Path) -> Manifest:
    """The backup's manifest, once every file it names is there: a restore that cannot
    finish changes nothing."""
    try:
        raw = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise StackError(f"{directory} holds no readable backup ({MANIFEST}): {exc}") from exc
    if raw.get("format") != FORMAT or sorted(raw.get("order", [])) != sorted(SERVICES):
        raise StackError(f"{directory / MANIFEST} is not a backup of this platform")
    manifest = Manifest(raw["created_at"], raw["order"], raw["files"])
    missing = [f for f in manifest.files.values() if not (directory / f).is_file()]
    if missing:
        raise StackError(f"the backup in {directory} lacks {', '.join(missing)}")
    return manifest


def _pg(stack: Stack, program: str, database: str, *args: str) -> None:
    # As the service's own role: it owns its database and every object in it.
    postgres = stack.postgres
    command = [str(postgres.client(program)), "-h", HOST, "-p", str(postgres.port)]
    command += ["-U", database, "-d", database, *args]
    try:
        subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    except subprocess.CalledProcessError as exc:
        raise StackError(f"{program} of {database} failed:\n{exc.stderr}") from exc
    except subprocess.TimeoutExpired as exc:
        raise StackError(f"{program} of {database} did not finish in time") from exc
