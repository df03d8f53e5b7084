PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ML_STAMP := $(VENV)/.installed-ml
MIRROR ?= $(if $(wildcard ../shared/data),../shared/data,)

.PHONY: demo test lint install clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# tests also cover the optional sentence classifier; the demo runs without it
$(ML_STAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[dev,ml]'
	touch $(ML_STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/alliancewatch demo $(if $(MIRROR),--mirror $(MIRROR),)

lint: $(ML_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) alliancewatch.duckdb alliancewatch.events alliancewatch.events_raw alliancewatch.quarantine alliancewatch.tmp .alliancewatch
