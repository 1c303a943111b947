"""Every service's OpenAPI, fuzzed by schemathesis against the real platform: 0 failures.

All of schemathesis's checks run (server errors, response schemas, documented status codes
and content types, headers, ignored auth, use after free, ...) over four phases: the
document's examples; boundary coverage (every parameter at and just past each edge its schema
states, each required one missing, methods the path does not serve); random fuzzing with
EXAMPLES cases an operation; and stateful sequences following the links between operations.
The five services are fuzzed at once, each its own process.

The seed is fixed in CI (`CI` set), so a red build replays exactly; locally it is random, so
every run explores anew, and is printed (FUZZ_SEED=<n> replays one).
"""

import asyncio
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from ledgerflow_devstack.stack import Stack
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import issue_token

SERVICES = ("customer", "ledger", "credit", "collections", "reporting")
EXAMPLES = 20
CI_SEED = 20261202
CONFIG = Path(__file__).with_name("schemathesis.toml")
# Each service's run, all five at once on two cores beside the other lanes of `make test`:
# a bound that catches a hang, not the target (a few minutes on a quiet machine).
RUN_TIMEOUT_S = 1200.0


@dataclass(frozen=True)
class FuzzRun:
    service: str
    returncode: int
    output: str
    seconds: float

    def figure(self, label: str) -> int:
        match = re.search(rf"(\d+) {label}", self.output)
        return int(match.group(1)) if match else 0

    @property
    def operations(self) -> int:
        match = re.search(r"Tested: (\d+)", self.output)
        return int(match.group(1)) if match else 0

    @property
    def summary(self) -> str:
        return (
            f"{self.service:<12} {self.operations:>4} operations {self.figure('generated'):>6} "
            f"cases {self.figure('unique failures'):>4} failures {self.seconds:7.1f} s"
        )


def fuzz_seed() -> int:
    if "FUZZ_SEED" in os.environ:
        return int(os.environ["FUZZ_SEED"])
    return CI_SEED if os.environ.get("CI") else random.randrange(2**31)


def every_role_token(platform: Stack) -> str:
    """One caller holding every role, so fuzzing reaches every operation's own logic (each
    role's refusals are the authorization matrix's to check)."""
    private_pem = platform.config.private_key.read_bytes()
    return issue_token(private_pem, [r.value for r in Role], subject="fuzzer")


async def fuzz(service: str, base_url: str, token: str, seed: int, workdir: Path) -> FuzzRun:
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(CONFIG),
        "--no-color",
        "run",
        f"{base_url}/openapi.json",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        str(seed),
        "--workers",
        "1",
        "--continue-on-failure",
        "--wait-for-schema",
        "60",
        "--request-timeout",
        "30",
        "--header",
        f"Authorization: Bearer {token}",
    ]
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=workdir,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        output, _ = await asyncio.wait_for(process.communicate(), RUN_TIMEOUT_S)
    except TimeoutError:
        process.kill()
        output, _ = await process.communicate()
        return FuzzRun(
            service, -1, output.decode(errors="replace") + "\n(timed out)", RUN_TIMEOUT_S
        )
    return FuzzRun(
        service,
        process.returncode or 0,
        output.decode(errors="replace"),
        time.monotonic() - started,
    )


@pytest.mark.timeout(RUN_TIMEOUT_S + 60)
async def test_no_operation_of_any_service_fails_under_fuzzing(
    platform: Stack, tmp_path: Path
) -> None:
    seed = fuzz_seed()
    token = every_role_token(platform)
    runs = await asyncio.gather(
        *(fuzz(s, platform.url(s), token, seed, tmp_path) for s in SERVICES)
    )
    print(f"\nschemathesis, seed {seed}, at least {EXAMPLES} examples an operation:")
    for run in runs:
        print(run.summary)
    failed = [run for run in runs if run.returncode != 0]
    assert not failed, f"seed {seed}:\n" + "\n\n".join(
        f"=== {run.service} ===\n{run.output[-12000:]}" for run in failed
    )
    for run in runs:
        assert run.operations > 0, run.output[-2000:]
