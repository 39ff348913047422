# Every target sets up what it needs first, so each works on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run chat serve test lint format bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Conclave needs Python 3.11 or newer; set PYTHON=python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -c constraints.txt -e ".[providers]"
	@touch $@

$(VENV)/.dev: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -c constraints.txt -e ".[dev]"
	@touch $@ $(VENV)/.run

run: $(VENV)/.run  ## set up and start the Conclave server on the embedded default
	$(BIN)/conclave serve

serve: run

chat: $(VENV)/.run  ## set up and talk to the demo assistant in the terminal
	$(BIN)/conclave chat

test: $(VENV)/.dev  ## set up and run the whole test suite
	$(BIN)/pytest -q

lint: $(VENV)/.dev  ## ruff (lint and format) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.dev  ## every benchmark; each prints one JSON line last
	$(BIN)/python bench/engine_overhead.py
	$(BIN)/python bench/team_overhead.py
	$(BIN)/python bench/server_throughput.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
