from ledgerflow_platform.service_fixtures import service_fixtures
from reporting_svc.service import SPEC
from reporting_svc.settings import Settings

database_url, settings, client, delivery = service_fixtures(SPEC, Settings)
