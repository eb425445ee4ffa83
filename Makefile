# One Makefile for people and CI. Every target creates .venv itself when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo web test check lint typecheck pytest docs template validate bench bench-startup bench-form bench-bulk bench-web clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: the main job on the bundled example list: one form per student, then the overview
demo: $(STAMP)
	mkdir -p uitvoer
	@# One row of the example list holds a deliberate mistake: maken reports it and exits 1.
	$(BIN)/opp maken examples/leerlingen.xlsx -o uitvoer/plannen --overschrijven; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	$(BIN)/opp verzamelen uitvoer/plannen -o uitvoer/overzicht.xlsx --overschrijven
	$(BIN)/opp voorbeeld -o uitvoer/voorbeeld-opp.json --overschrijven
	$(BIN)/opp leeg-formulier -o uitvoer/OPP_2024-2025.docx --overschrijven
	@echo
	@echo "Klaar. Kijk in uitvoer/:"
	@echo "  plannen/                 een ingevuld formulier per leerling uit examples/leerlingen.xlsx"
	@echo "  plannen/meldingen.xlsx   de cel met een fout (met blad, rij en kolom)"
	@echo "  overzicht.xlsx           wat alle formulieren samen zeggen, terug in Excel"
	@echo "  voorbeeld-opp.json       een volledig ingevuld plan als JSON (opp voorbeeld)"
	@echo "  OPP_2024-2025.docx       het lege formulier"

## web: opp-docs in the browser (opp web): prints the address with its token and opens it;
## Ctrl-C stops it. make web ARGS="--poort 8123 --geen-browser" passes options.
web: $(STAMP)
	$(BIN)/opp web $(ARGS)

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

## docs: the API reference from the docstrings (Sphinx) in uitvoer/api/; open
## uitvoer/api/index.html. Warnings and unresolved references fail the build.
docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -n -b html docs/api uitvoer/api

## template: rebuild templates/OPP_2024-2025.docx from tools/build_template.py
template: $(STAMP)
	$(BIN)/python tools/build_template.py templates/OPP_2024-2025.docx

## validate: check a .docx against the ECMA-376 schemas the way Word reads it:
## make validate FILE=uitvoer/x.docx (tools/ooxml_check.py; exit 1 on a schema problem)
validate: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make validate FILE=path/to/file.docx" >&2; exit 2; }
	$(BIN)/python tools/ooxml_check.py $(FILE)

## bench: every benchmark in one run (a few minutes): bench-startup, bench-form, bench-bulk
bench: bench-startup bench-form bench-bulk

## bench-startup: opp --help and opp uitlezen FORM --json against the imports they cannot do
## without (python -c "import argparse"; pydantic, lxml and zipfile), fresh processes
bench-startup: $(STAMP)
	mkdir -p uitvoer
	$(BIN)/python benchmarks/bench_startup.py --json uitvoer/bench_startup.json

## bench-form: one form's fill and parse against python-docx and docx2python
bench-form: $(STAMP)
	mkdir -p uitvoer
	$(BIN)/python benchmarks/bench_fill_parse.py --json uitvoer/bench.json

## bench-bulk: generate and collect against docxtpl, python-docx and docx2python; 1,000
## students with all jobs; peak memory for 1,000 and 10,000 students
bench-bulk: $(STAMP)
	mkdir -p uitvoer
	$(BIN)/python benchmarks/bench_bulk.py --huge-timeout 300 --json uitvoer/bench_bulk.json

## bench-web: 8 clients at once each upload a 200-student workbook to opp web while the start
## page is fetched; times, peak memory and the check of every form (docs/dev/web.md)
bench-web: $(STAMP)
	mkdir -p uitvoer
	$(BIN)/python benchmarks/bench_web.py --json uitvoer/bench_web.json

clean:
	rm -rf $(VENV) uitvoer .pytest_cache .mypy_cache .ruff_cache
