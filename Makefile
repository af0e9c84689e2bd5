# Two entry points that work on a fresh machine with Python 3.11, pip and apt:
#   make demo   installs (and Debian's Pango for report.pdf, scripts/pango.sh), then assesses
#               examples/acme-contact-center (no server)
#   make test   installs, then runs lint, type checks and every test; it installs and starts what
#               the tests need itself (Debian's Chromium for the browser tests, Graphviz for the
#               flow diagrams, Pango for the PDF, a throwaway PostgreSQL on 127.0.0.1) and stops
#               the server afterwards.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	scripts/pango.sh
	$(BIN)/ccpa assess examples/acme-contact-center

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy src

pytest: install
	scripts/browser.sh
	scripts/graphviz.sh
	scripts/pango.sh
	@eval "$$(scripts/postgres.sh start)"; export CCPA_TEST_POSTGRES_URL; \
	trap 'scripts/postgres.sh stop' EXIT; \
	$(BIN)/python -m pytest -n 2

test: lint typecheck pytest

bench: install
	$(BIN)/python bench/assess_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
