# Two commands do all the set-up on a fresh machine:
#   make build   creates .venv, installs cardgen, builds the default deck and booklet into build/
#   make test    creates .venv, installs cardgen with its test tools, runs the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: build test check lint schemas clean

$(BIN)/cardgen: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(BIN)/cardgen
	$(BIN)/cardgen build

test: $(BIN)/cardgen
	$(BIN)/python -m pytest -n auto

lint: $(BIN)/cardgen
	$(BIN)/ruff check cardgen tests
	$(BIN)/ruff format --check cardgen tests

schemas: $(BIN)/cardgen
	$(BIN)/cardgen schema --out schemas

clean:
	rm -rf build .pytest_cache .setuptools-build dist
