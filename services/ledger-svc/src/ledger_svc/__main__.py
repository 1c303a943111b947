"""`python -m ledger_svc migrate|serve|api|worker`."""

from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_platform.cli import service_main


def main() -> None:
    service_main(SPEC, Settings)


if __name__ == "__main__":
    main()
