"""How often the supervisor had to start each component again: `ledgerflow status` shows it."""

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Restarts:
    count: int
    last_at: str
    last_reason: str


class RestartLog:
    """run/restarts.json: one entry per component the supervisor restarted; written by the
    supervisor only, under the state file's lock."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, Restarts]:
        try:
            raw = json.loads(self.path.read_text())
        except (FileNotFoundError, ValueError):
            return {}
        return {name: Restarts(**fields) for name, fields in raw.items()}

    def count(self, name: str, reason: str) -> Restarts:
        entries = self.load()
        before = entries.get(name)
        entry = Restarts(
            count=(before.count if before else 0) + 1,
            last_at=datetime.now(UTC).isoformat(timespec="seconds"),
            last_reason=reason,
        )
        entries[name] = entry
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({n: asdict(e) for n, e in entries.items()}, indent=2))
        tmp.replace(self.path)
        return entry
