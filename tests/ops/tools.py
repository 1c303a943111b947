"""The repository's deploy/ folder and the command-line tools that check it."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """A tool from the virtualenv (kubectl, hadolint) or the system (promtool, node)."""
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    assert found, f"{name} is not installed: `make test` installs it"
    return str(found)


def run(
    *args: str | Path, cwd: Path = ROOT, timeout: float = 120.0
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own tools on our own files
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_together(*commands: list[str | Path], timeout: float = 180.0) -> list[tuple[int, str]]:
    """Run slow independent checks side by side; each one's exit code and output."""
    started = [
        subprocess.Popen(  # noqa: S603 - our own tools on our own files
            [str(a) for a in command],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for command in commands
    ]
    outputs = [p.communicate(timeout=timeout)[0] for p in started]
    return [(p.returncode, out) for p, out in zip(started, outputs, strict=True)]
