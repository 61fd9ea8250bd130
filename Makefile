# PCC Panel. `make run` and `make test` are all the set-up a fresh machine needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help install install-dev run test lint format screenshot bench bench-import bench-documents behind-proxy resilience backup restore clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

# The application's packages (requirements.txt) for make run; tests, lint and
# the browser (requirements-dev.txt) on top for everything else.
$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed ## Create .venv and install the application's pinned requirements

install-dev: $(BIN)/.installed-dev ## The same, and the pinned test, lint and browser tools

PORT ?= 8000
run: export DEBUG ?= 1
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install ## Migrate, load the demo data and serve http://127.0.0.1:$PORT/ (PORT=8000)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo "Serving http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install-dev ## Run the whole suite (browser tests need /usr/bin/chromium)
	$(BIN)/python -m pytest

lint: install-dev ## ruff, the layer contracts, mypy and the migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=pcc_panel.settings_test $(MANAGE) makemigrations --check --dry-run

format: install-dev ## Fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev ## Benchmark at national scale on PostgreSQL (writes docs/benchmarks.md)
	$(BIN)/python benchmarks/bench.py

resilience: install-dev ## Database outage, concurrent edits, killed worker, backup (docs/resilience.md)
	$(BIN)/python benchmarks/resilience.py

backup: install ## pg_dump the DATABASE_URL database to backups/pcc_panel-<time>.dump
	@test -n "$$DATABASE_URL" || (echo "Set DATABASE_URL to the PostgreSQL database"; exit 2)
	mkdir -p backups
	pg_dump --format=custom --file=backups/pcc_panel-$$(date +%Y%m%d-%H%M%S).dump "$$DATABASE_URL"
	@ls -1t backups/*.dump | head -1

restore: install ## pg_restore FILE=backups/….dump into the DATABASE_URL database
	@test -n "$$DATABASE_URL" || (echo "Set DATABASE_URL to the PostgreSQL database"; exit 2)
	@test -f "$(FILE)" || (echo "Give FILE=backups/<name>.dump"; exit 2)
	pg_restore --clean --if-exists --no-owner --dbname="$$DATABASE_URL" "$(FILE)"

bench-documents: install-dev ## Hostile documents (bombs) against the importer's limits
	$(BIN)/python benchmarks/hostile_documents.py

behind-proxy: install-dev ## Sign-in throttling and a bomb upload through a loopback proxy
	$(BIN)/python benchmarks/behind_proxy.py

bench-import: install-dev ## Print parse times: the seed, the real documents by kind, a 300-page PDF
	$(BIN)/python benchmarks/import_parse.py

screenshot: install-dev ## Save docs/inspection-page.png (needs /usr/bin/chromium)
	SCREENSHOT_DIR=docs $(BIN)/python -m pytest -m browser -q

clean: ## Remove .venv, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles
