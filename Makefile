# The two commands of the README quick start. Each creates .venv and installs what it needs;
# the install reruns only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test lint

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/blaster demo

test: $(STAMP)
	$(VENV)/bin/pytest -m "not slow" -q

lint: $(STAMP)
	$(VENV)/bin/ruff check blaster tests bench
	$(VENV)/bin/mypy
