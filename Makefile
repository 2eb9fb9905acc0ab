# Quick start: `make demo` (install, ingest the sample corpus into ./koryo.db, list it)
# and `make test` (the whole test suite). Both make a virtual environment in .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test bench serve clean

demo: $(VENV)/.installed
	$(BIN)/koryo ingest samples
	$(BIN)/koryo docs

serve: $(VENV)/.installed
	$(BIN)/koryo serve

test: $(VENV)/.installed
	$(BIN)/python -m pytest

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
