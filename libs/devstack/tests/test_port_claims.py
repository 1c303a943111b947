"""Ports handed to one process are not handed to another while it lives, and are free again
once it has exited, however it ended."""

import subprocess
import sys
from pathlib import Path

from ledgerflow_devstack.port_claims import claim, free_ports

HOLDER = """
import sys
from pathlib import Path
from ledgerflow_devstack.port_claims import claim
assert claim(int(sys.argv[1]), Path(sys.argv[2]))
print("held", flush=True)
sys.stdin.read()
"""


def test_free_ports_are_distinct_and_claimed_by_this_process(tmp_path: Path) -> None:
    ports = free_ports(6, tmp_path)
    assert len(set(ports)) == 6
    assert not any(claim(port, tmp_path) for port in ports)


def test_a_port_another_live_process_claimed_is_free_again_once_it_was_killed(
    tmp_path: Path,
) -> None:
    [port] = free_ports(1, tmp_path / "elsewhere")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(port), str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        assert not claim(port, tmp_path)
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert claim(port, tmp_path)
