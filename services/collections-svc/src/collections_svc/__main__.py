"""`python -m collections_svc migrate|serve|api|worker`."""

from collections_svc.service import SPEC
from collections_svc.settings import Settings
from ledgerflow_platform.cli import service_main


def main() -> None:
    service_main(SPEC, Settings)


if __name__ == "__main__":
    main()
