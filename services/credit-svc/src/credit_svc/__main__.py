"""`python -m credit_svc migrate|serve|api|worker`."""

from credit_svc.service import SPEC
from credit_svc.settings import Settings
from ledgerflow_platform.cli import service_main


def main() -> None:
    service_main(SPEC, Settings)


if __name__ == "__main__":
    main()
