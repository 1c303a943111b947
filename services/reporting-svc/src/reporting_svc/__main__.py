"""`python -m reporting_svc migrate|serve|api|worker`."""

from ledgerflow_platform.cli import service_main
from reporting_svc.service import SPEC
from reporting_svc.settings import Settings


def main() -> None:
    service_main(SPEC, Settings)


if __name__ == "__main__":
    main()
