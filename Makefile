# Hankekartta — the two commands of the README quick start are `make run` and `make test`.
# Both create the virtual environment and install what is needed themselves.

PYTHON ?= python3
VENV ?= .venv
# `make bench PYTHON=python3.12` (or any target) builds and uses a venv of that interpreter.
ifeq ($(origin PYTHON),command line)
VENV := .venv-$(notdir $(PYTHON))
endif
PY := $(VENV)/bin/python
PORT ?= 8501
# Boundaries: a directory named by HANKEKARTTA_GEODATA_DIR is read directly. Next to a
# checkout of the project's workspace that is ../shared/geodata (or $HANKEKARTTA_SHARED_DIR/geodata);
# elsewhere the cache
# (geodata/cache, filled by `python -m dashboard fetch-geodata`) is used.
HANKEKARTTA_SHARED_DIR ?= $(abspath $(wildcard ../shared))
export HANKEKARTTA_SHARED_DIR
HANKEKARTTA_GEODATA_DIR ?= $(abspath $(wildcard $(HANKEKARTTA_SHARED_DIR)/geodata))
export HANKEKARTTA_GEODATA_DIR

.PHONY: run test install chromium voikko postgres store bench bench-smoke validate stats data clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

## Start the app on the shipped data (fetches boundaries first if none are available; builds
## the store from data/ when it is missing or holds other files than data/ has).
run: install voikko store
	$(PY) -m dashboard serve --port $(PORT)

## The store the app reads (DuckDB file, or PostgreSQL when HANKEKARTTA_DATABASE_URL is set).
store: install
	$(PY) -m dashboard fetch-geodata --if-missing
	$(PY) -m dashboard store init

## Run the whole test suite, the real-browser test and the PostgreSQL store tests included.
## A throwaway PostgreSQL + PostGIS is started on port 54329 unless HANKEKARTTA_TEST_DATABASE_URL names one.
test: install chromium voikko
	HANKEKARTTA_TEST_DATABASE_URL="$${HANKEKARTTA_TEST_DATABASE_URL:-$$(.ci/postgres.sh || true)}" $(PY) -m pytest

## Debian's postgresql + postgis, a cluster on 127.0.0.1:54329 run as `postgres`; prints its URL.
postgres:
	@.ci/postgres.sh

## Debian's Chromium for the browser test (Playwright drives it; no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Debian's Voikko (libvoikko + the Finnish dictionary) for reading inflected Finnish in page text;
## the Python binding (PyPI libvoikko) comes with `make install`.
voikko:
	@dpkg -s libvoikko1 voikko-fi >/dev/null 2>&1 || { \
	  echo "installing Debian's libvoikko1 and voikko-fi for Finnish morphology"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libvoikko1 voikko-fi >/dev/null; }

## Benchmarks at national scale: 100 000 projects, 50 000 services (a few minutes).
bench: install chromium
	$(PY) -m benchmarks.run --results benchmarks/last-run.json

## The small version CI runs, so that the benchmark keeps working (the interaction script
## runs in Chromium on the shipped data).
bench-smoke: install chromium
	$(PY) -m benchmarks.run --smoke

bench-hostile: install chromium  ## another session's map, normally and during a hostile upload (JSON line)
	$(PY) -m benchmarks.hostile_upload

## Rebuild data/built/ from the sources declared in data/sources.csv (inputs: ../shared/sample-imports/eura,
## or DATA_FROM=DIR).
data: install
	$(PY) -m dashboard build-data $(if $(DATA_FROM),--from $(DATA_FROM),)

validate: install
	$(PY) -m dashboard validate data/

stats: install
	$(PY) -m dashboard stats

clean:
	rm -rf .venv .venv-* .pytest_cache .hypothesis test-artifacts
	@echo "the store (store/) is kept: delete it yourself to rebuild it from data/ (contributions would be lost)"
