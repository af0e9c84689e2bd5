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
UV := uv==0.13.9

.PHONY: install system setup demo test lint typecheck pytest bench clean

# uv (from PyPI) installs the packages in a fraction of pip's time; where it cannot (no uv for the
# platform, an index only pip is configured for), pip does it. Both byte-compile the packages: where
# PYTHONDONTWRITEBYTECODE is set Python never writes what it compiles, so every process (each test's
# `ccpa`, each Dask worker) would compile Dask, pyarrow and the rest again (2.9 s of CPU, not 1.0 s,
# for Dask alone).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	($(BIN)/pip install -q '$(UV)' && $(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e '.[dev]') \
	    || ($(BIN)/pip install -q --upgrade pip && $(BIN)/pip install -q -e '.[dev]')
	touch $(STAMP)

install: $(STAMP)

# What the tests need from Debian (each script does nothing when its packages are there; together
# they update apt's lists once)
system:
	scripts/browser.sh
	scripts/graphviz.sh
	scripts/pango.sh
	scripts/postgres.sh install

# The Python packages (uv or pip) and the Debian ones (apt) download and install side by side
setup:
	@$(MAKE) --no-print-directory -j2 install system

demo: install
	scripts/pango.sh
	$(BIN)/ccpa assess examples/acme-contact-center

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy src

# The project's own modules are byte-compiled once, as they are first imported (where
# PYTHONDONTWRITEBYTECODE is set, each test's `ccpa` process would compile them again: 0.2 CPU s)
pytest: setup
	@eval "$$(scripts/postgres.sh start)"; export CCPA_TEST_POSTGRES_URL; \
	trap 'scripts/postgres.sh stop' EXIT; \
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n 2 --dist worksteal

test: setup lint typecheck pytest

bench: install
	$(BIN)/python bench/assess_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
