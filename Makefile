# Quick start: `make demo` (install, ingest the sample corpus into ./koryo.db, list it)
# and `make test` (the whole test suite). Both make a virtual environment in .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test bench serve chromium clean

demo: $(VENV)/.installed
	$(BIN)/koryo ingest samples
	$(BIN)/koryo docs

serve: $(VENV)/.installed
	$(BIN)/koryo serve

# KORYO_FUZZ=ci: about two minutes of fuzzing examples across the readers (tests/fuzz)
test: $(VENV)/.installed chromium
	KORYO_FUZZ=ci $(BIN)/python -m pytest

# The browser tests drive Debian's chromium (never a downloaded browser build).
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
		|| { echo "the browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; }

bench: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/tables.py
	$(BIN)/python bench/facts.py
	$(BIN)/python bench/web.py

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) koryo.db koryo.db-wal koryo.db-shm
