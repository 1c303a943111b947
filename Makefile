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

.PHONY: help install up down status token test lint kcat schemas replay bench clean

help:
	@echo "make up       start the local platform (Postgres, broker, five services, demo data)"
	@echo "make down     stop what make up started"
	@echo "make test     install everything and run the whole suite"
	@echo "make token ROLE=<role>   print a bearer token for the local platform"

$(UV):
	@$(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode compiled once here, not by every process that starts: a service restarted by
# the local platform's supervisor is back seconds sooner (and where PYTHONDONTWRITEBYTECODE
# is set, no process would ever cache it).
install: $(UV)
	@$(UV) sync --frozen --all-packages --quiet --compile-bytecode
	@$(RUN) python -m compileall -q libs/*/src services/*/src

up: install
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
	$(RUN) python -m ledgerflow_events.schemas --check

# The e2e suite reads topics with kcat, as an integration partner would.
kcat:
	@command -v kcat >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq kcat >/dev/null; \
	  else echo "the e2e tests need kcat: sudo apt-get install kcat"; exit 1; fi; }

test: lint kcat
	$(RUN) pytest

schemas: install
	$(RUN) python -m ledgerflow_events.schemas

bench: install
	$(RUN) python bench/payments.py

clean: down
	rm -rf .venv $(TOOLS) .ledgerflow
