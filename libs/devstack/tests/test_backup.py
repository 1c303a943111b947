import json
from pathlib import Path

import pytest

from ledgerflow_devstack.backup import CONSUMES, backup_order, read_manifest
from ledgerflow_devstack.errors import StackError


def test_every_service_is_dumped_before_those_whose_events_it_consumes() -> None:
    order = backup_order()
    assert order == ["credit", "collections", "reporting", "ledger", "customer"]
    for consumer, producers in CONSUMES.items():
        assert all(order.index(consumer) < order.index(p) for p in producers)


def test_a_backup_missing_a_dump_is_refused_before_anything_changes(tmp_path: Path) -> None:
    files = {name: f"{name}.dump" for name in backup_order()}
    manifest = {"format": 1, "created_at": "2026-11-30T10:00:00+00:00", "order": backup_order()}
    (tmp_path / "manifest.json").write_text(json.dumps({**manifest, "files": files}))
    for name in backup_order()[:-1]:
        (tmp_path / files[name]).write_bytes(b"PGDMP")

    with pytest.raises(StackError, match=r"lacks customer\.dump"):
        read_manifest(tmp_path)


def test_a_directory_without_a_manifest_is_no_backup(tmp_path: Path) -> None:
    with pytest.raises(StackError, match="holds no readable backup"):
        read_manifest(tmp_path)
