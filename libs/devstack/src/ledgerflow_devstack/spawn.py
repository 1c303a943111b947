"""Start a long-running child that outlives the command which started it."""

import subprocess
from collections.abc import Mapping
from pathlib import Path


def spawn(argv: list[str], log: Path, env: Mapping[str, str]) -> "subprocess.Popen[bytes]":
    """Detach into its own session (so a Ctrl-C in the terminal does not reach it), log to file."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        return subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(env),
            start_new_session=True,
        )


def exited(child: "subprocess.Popen[bytes]") -> bool:
    return child.poll() is not None
