# Ledgerflow — everything a developer needs, on a machine with only Python >= 3.11 and make.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
RUN := $(UV) run --frozen --no-sync
ROLE ?= admin
PACKAGES := ledgerflow_events ledgerflow_platform ledgerflow_devstack \
	customer_svc ledger_svc credit_svc collections_svc reporting_svc

export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never

.PHONY: help install up down status token test lint kcat fonts prometheus node-tools dashboards \
	compose-env manifests schemas authorization-matrix replay bench bench-restart bench-credit \
	bench-dunning bench-reporting clean test-units \
	test-e2e test-faults test-fuzz

help:
	@echo "make up       start the local platform (Postgres, broker, five services, demo data)"
	@echo "make down     stop what make up started"
	@echo "make test     install everything and run the whole suite"
	@echo "make token ROLE=<role>   print a bearer token for the local platform"
	@echo "make dashboards   regenerate the Grafana dashboards under deploy/grafana"

$(UV):
	@$(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode compiled once here, not by every process that starts: a service restarted by
# the local platform's supervisor is back seconds sooner (and where PYTHONDONTWRITEBYTECODE
# is set, no process would ever cache it).
install: $(UV)
	@$(UV) sync --frozen --all-packages --quiet --compile-bytecode
	@$(RUN) python -m compileall -q libs/*/src services/*/src

up: install fonts
	@$(RUN) ledgerflow up

down:
	@if [ -x $(UV) ] && [ -d .venv ]; then $(RUN) ledgerflow down; else echo "nothing to stop"; fi

status: install
	@$(RUN) ledgerflow status

token: install
	@$(RUN) ledgerflow token --role $(ROLE)

replay: install
	@$(RUN) ledgerflow replay

lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy $(addprefix -p ,$(PACKAGES))
	$(RUN) lint-imports
	MYPYPATH=deploy/grafana $(RUN) mypy deploy/grafana/*.py
	MYPYPATH=deploy/k8s $(RUN) mypy deploy/k8s/*.py
	$(RUN) python -m ledgerflow_events.schemas --check

# The e2e suite reads topics with kcat, as an integration partner would.
kcat:
	@command -v kcat >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq kcat >/dev/null; \
	  else echo "the e2e tests need kcat: sudo apt-get install kcat"; exit 1; fi; }

# Printed documents (statements, letters, reports) embed a font that prints Chinese; Debian's
# WenQuanYi Micro Hei has the TrueType outlines ReportLab reads (ledgerflow_platform.documents).
fonts:
	@test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null; \
	  else echo "printed documents need a CJK font: sudo apt-get install fonts-wqy-microhei"; exit 1; fi; }

# The alert-rule tests and the panel-query test run Debian's Prometheus and promtool.
prometheus:
	@command -v promtool >/dev/null && command -v prometheus >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus >/dev/null; \
	  else echo "the ops tests need Prometheus: sudo apt-get install prometheus"; exit 1; fi; }

# The official AsyncAPI parser, into ./node_modules (Node and npm from Debian when missing).
node-tools: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "the AsyncAPI check needs Node.js: sudo apt-get install nodejs npm"; exit 1; fi; }
	@npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# The suite runs in parallel lanes, each its own pytest process with its own Postgres, broker
# or platform on free ports: the slow suites (e2e, faults, fuzz) overlap instead of queueing.
# Each lane's output is printed whole when it ends (-O); every lane runs to its end (-k) and
# `make test` fails if any lane failed. `make test-units` (or e2e, faults, fuzz) runs one lane.
# A suite in no named lane runs in `units`, so a new one is never left out.
LANES := units e2e faults fuzz
LANE_e2e := tests/e2e tests/ops
LANE_faults := tests/faults
LANE_fuzz := tests/fuzz
LANE_units := libs services tests $(foreach lane,e2e faults fuzz,$(addprefix --ignore=,$(LANE_$(lane))))
# When the cores are short, the lanes with a clock to beat go first: faults (every fault
# recovered within 60 s) and e2e (a platform started and flows finished within bounds).
# units and fuzz have no deadline, so they yield the CPU (a lower priority, not less work).
NICE_units := nice -n 5
NICE_fuzz := nice -n 5
PYTEST_ARGS ?=

test: lint kcat fonts prometheus node-tools
	@$(MAKE) --no-print-directory -k -O -j$(words $(LANES)) $(addprefix test-,$(LANES))

$(addprefix test-,$(LANES)): test-%:
	@paths="$(filter-out --ignore=%,$(LANE_$*))"; \
	if [ -z "$$(ls -d $$paths 2>/dev/null)" ]; then echo "== lane $*: no tests here yet"; exit 0; fi; \
	echo "== lane $* ($$paths) starts"; started=$$(date +%s); \
	$(NICE_$*) $(RUN) pytest -p no:cacheprovider $(PYTEST_ARGS) $(LANE_$*); status=$$?; \
	echo "== lane $* ended with exit status $$status after $$(( $$(date +%s) - started )) s"; \
	exit $$status

schemas: install
	$(RUN) python -m ledgerflow_events.schemas

# The README's roles x actions table, from each service's api/authorization.py.
authorization-matrix: install
	$(RUN) python tests/fuzz/matrix.py

# docker-compose.yml's .env: generated passwords and keys, never committed.
compose-env: install
	$(RUN) python deploy/compose/make_env.py

# Kubernetes: regenerate deploy/k8s/base (each service's objects, the PrometheusRule).
manifests: install
	$(RUN) python deploy/k8s/generate.py

# Grafana dashboards as code: regenerate deploy/grafana/dashboards/*.json from deploy/grafana/.
dashboards: install
	$(RUN) python deploy/grafana/generate.py

bench: install
	$(RUN) python bench/payments.py

# The ledger's payment rate before a kill -9 and in the first 5 s after the supervisor's restart.
bench-restart: install
	$(RUN) python bench/restart_rate.py

bench-credit: install
	$(RUN) python bench/credit_check.py

# A dunning run over 100,000 overdue invoices of 20,000 customers, its notices e-mailed to a
# local SMTP sink, and the same selection by raw SQL.
bench-dunning: install
	$(RUN) python bench/dunning.py

# Reporting over 100,000 customers and 1,000,000 invoices, each report beside raw SQL;
# BENCH_ARGS="--customers 10000 --invoices 100000" for a tenth of the book.
bench-reporting: install
	$(RUN) python bench/reporting.py $(BENCH_ARGS)

clean: down
	rm -rf .venv $(TOOLS) .ledgerflow
