# Kohtaamo. `make run` serves the demo, `make test` runs every test; each sets itself up.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
DEV_ENV := KOHTAAMO_DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help system-deps system-deps-test install demo run test test-postgres check format bench messages clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

system-deps:  ## Debian packages the product needs (Voikko for Finnish)
	@scripts/system-deps.sh run

system-deps-test:  ## Debian and npm packages the tests need (Chromium, PostgreSQL, axe-core)
	@scripts/system-deps.sh test

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Kohtaamo needs Python 3.11 ($(PYTHON)); set PYTHON=..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed  ## create .venv and install the Python packages

demo: system-deps install  ## migrate, import the reference data, load the demo data (idempotent)
	$(DEV_ENV) $(MANAGE) migrate --no-input -v0
	$(DEV_ENV) $(MANAGE) import_geo
	$(DEV_ENV) $(MANAGE) import_taxonomy --if-changed
	$(DEV_ENV) $(MANAGE) import_qualifications
	$(DEV_ENV) $(MANAGE) import_labour_stats
	$(DEV_ENV) $(MANAGE) load_demo
	$(DEV_ENV) $(MANAGE) build_text_indexes

run: demo  ## serve the demo on http://127.0.0.1:8000 and print the demo logins
	@$(DEV_ENV) $(MANAGE) load_demo --print-logins | tail -n +2
	@echo; echo "Kohtaamo: http://$(HOST):$(PORT)/   (Ctrl-C stops)"; echo
	$(DEV_ENV) $(MANAGE) runserver $(HOST):$(PORT)

test: system-deps system-deps-test install  ## run the whole test suite (DATABASE_URL selects PostgreSQL)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: system-deps system-deps-test install  ## the suite again on a throwaway PostgreSQL cluster
	scripts/with-postgres.sh $(MAKE) --no-print-directory test

check: install  ## formatting, lint, migrations and Django's system checks
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run
	$(DEV_ENV) $(MANAGE) check
	KOHTAAMO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
		$(MANAGE) check --deploy --fail-level WARNING

format: install  ## apply ruff's formatting and safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: system-deps install  ## benchmarks: print figures against their baselines (bench/RESULTS.md)
	$(VENV)/bin/pip install --quiet -e '.[dev,bench]'
	$(PY) bench/import_taxonomy.py
	$(PY) bench/skill_extraction.py
	$(PY) bench/extraction_speed.py
	$(PY) bench/matching_quality.py
	$(PY) bench/matching_speed.py
	$(PY) bench/event_schedule.py

messages: install  ## update and compile the translations (needs gettext)
	$(DEV_ENV) $(MANAGE) makemessages -l fi -l sv -l en --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*'
	$(DEV_ENV) $(MANAGE) compilemessages --ignore '.venv/*'

clean:  ## remove the virtualenv, the demo database and caches
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles node_modules .pytest_cache .ruff_cache
