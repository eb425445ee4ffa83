# One Makefile for people and CI. Every target creates .venv itself when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint typecheck pytest template bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: the example plan as JSON, filled into the form, read back; and the empty form
demo: $(STAMP)
	mkdir -p uitvoer
	$(BIN)/opp example -o uitvoer/voorbeeld-opp.json --overwrite
	$(BIN)/opp fill uitvoer/voorbeeld-opp.json -o uitvoer/voorbeeld-opp.docx --overwrite
	$(BIN)/opp parse uitvoer/voorbeeld-opp.docx --json > uitvoer/voorbeeld-teruggelezen.json
	cmp uitvoer/voorbeeld-opp.json uitvoer/voorbeeld-teruggelezen.json
	$(BIN)/opp template -o uitvoer/OPP_2024-2025.docx --overwrite
	@echo
	@echo "Klaar. Kijk in uitvoer/:"
	@echo "  voorbeeld-opp.docx             het ingevulde voorbeeldformulier"
	@echo "  voorbeeld-opp.json             het plan waarmee het is ingevuld"
	@echo "  voorbeeld-teruggelezen.json    wat 'opp parse' eruit las (gelijk aan het plan)"
	@echo "  OPP_2024-2025.docx             het lege formulier"

## test: lint, type check and the whole test suite (what CI runs)
test: check pytest

check: lint typecheck

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

## template: rebuild templates/OPP_2024-2025.docx from tools/build_template.py
template: $(STAMP)
	$(BIN)/python tools/build_template.py templates/OPP_2024-2025.docx

## bench: fill and parse against python-docx and docx2python, measured in one run
bench: $(STAMP)
	mkdir -p uitvoer
	$(BIN)/python benchmarks/bench_fill_parse.py --json uitvoer/bench.json

clean:
	rm -rf $(VENV) uitvoer .pytest_cache .mypy_cache .ruff_cache
