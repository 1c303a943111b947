"""`python -m ledgerflow_platform.launch <module> --host H --port P`: what `<module> serve`
does (supervisor.py), without importing the service in the supervising process.

`serve` parses the service's settings, so its process imports the whole service before it
starts the API and the worker, which import it again: a third of the CPU a start costs, and
all of it before either half begins. Here the process that supervises imports nothing but
the supervisor, so a restarted service is ready sooner. The local platform starts services
this way; `serve` stays the one command for a deployment.
"""

import argparse
import sys
from collections.abc import Sequence

from ledgerflow_platform.supervisor import supervise


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ledgerflow_platform.launch")
    parser.add_argument("module", help="the service's package, e.g. ledger_svc")
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--api-processes", type=int, default=1)
    args = parser.parse_args(argv)
    return supervise(
        [sys.executable, "-m", args.module],
        listen=(args.host, args.port),
        api_processes=args.api_processes,
    )


if __name__ == "__main__":
    sys.exit(main())
