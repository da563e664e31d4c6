# Hankekartta — the two commands of the README quick start are `make run` and `make test`.
# Both create the virtual environment and install what is needed themselves.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# Boundaries: a directory named by HANKEKARTTA_GEODATA_DIR is read directly. Next to a
# checkout of the project's workspace that is ../shared/geodata; elsewhere the cache
# (geodata/cache, filled by `python -m dashboard fetch-geodata`) is used.
HANKEKARTTA_GEODATA_DIR ?= $(abspath $(wildcard ../shared/geodata))
export HANKEKARTTA_GEODATA_DIR

.PHONY: run test install chromium bench bench-smoke validate stats clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

## Start the app on the shipped data (fetches boundaries first if none are available).
run: install
	$(PY) -m dashboard fetch-geodata --if-missing
	$(PY) -m streamlit run streamlit_app.py --server.port $(PORT)

## Run the whole test suite, the real-browser test included.
test: install chromium
	$(PY) -m pytest

## Debian's Chromium for the browser test (Playwright drives it; no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Benchmarks at national scale (PYTHON=... chooses the interpreter of a fresh venv).
bench: install
	$(PY) -m benchmarks.run

bench-smoke: install
	$(PY) -m benchmarks.run --smoke

validate: install
	$(PY) -m dashboard validate data/

stats: install
	$(PY) -m dashboard stats

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis test-artifacts
