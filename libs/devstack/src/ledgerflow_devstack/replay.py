"""Ask every producing service to re-publish its outbox, e.g. after the broker lost its data."""

from typing import Any

import httpx

from ledgerflow_devstack.config import PRODUCERS, StackConfig
from ledgerflow_devstack.errors import StackError


def replay_outboxes(
    config: StackConfig,
    admin_token: str,
    from_position: int | None = None,
    to_position: int | None = None,
) -> dict[str, int]:
    """Rows replayed per service; a None bound leaves that end of the range open."""
    body: dict[str, Any] = {"from_position": from_position, "to_position": to_position}
    headers = {"Authorization": f"Bearer {admin_token}"}
    replayed: dict[str, int] = {}
    failures: list[str] = []
    # one service refusing must not keep the others from re-publishing
    with httpx.Client(timeout=60.0, headers=headers) as client:
        for name in PRODUCERS:
            url = f"{config.url(name)}/v1/admin/outbox:replay"
            try:
                response = client.post(url, json=body)
            except httpx.HTTPError as exc:
                failures.append(f"{name}: could not reach {url}: {exc}")
                continue
            if response.status_code != 202:
                failures.append(f"{name}: {response.status_code} {response.text}")
                continue
            replayed[name] = int(response.json()["replayed"])
    if failures:
        done = ", ".join(f"{name} {count}" for name, count in replayed.items()) or "none"
        raise StackError(f"replayed: {done}; refused or unreachable:\n" + "\n".join(failures))
    return replayed
