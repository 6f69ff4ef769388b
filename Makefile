# dpeace: fetch -> build -> model -> report, each a file target so that `make report`
# re-runs only the stages whose inputs changed.
#
#   make report   set up, then fetch, build, model and report (the main job)
#   make test     set up, then run the test suite
#   make bench    time and measure every stage (never fails for being slow)
#   make sql      an interactive SQL prompt on the database
#
# Point the fetchers at a mirror with DPEACE_MIRROR=DIR_OR_URL (see README).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SETUP  := $(VENV)/.setup-done
DPEACE := $(BIN)/dpeace

DATA       := data
PROVENANCE := $(DATA)/raw/provenance.json
DATABASE   := $(DATA)/peace.duckdb
RESULTS    := $(DATA)/model_results.json
REPORT     := reports/democratic_peace.html

FETCH_INPUTS  := $(wildcard pipeline/fetch/*.py pipeline/fetch/*.toml)
BUILD_INPUTS  := $(wildcard sql/staging/*.sql sql/intermediate/*.sql sql/marts/*.sql sql/seeds/*.csv) \
                 sql/schema.yml $(wildcard pipeline/stage/*.py pipeline/build/*.py pipeline/database.py)
MODEL_INPUTS  := $(wildcard pipeline/model/*.py pipeline/model/*.toml sql/model/*.sql)
REPORT_INPUTS := $(shell find pipeline/report -type f 2>/dev/null) $(wildcard sql/report/*.sql)

.PHONY: setup fetch build model report test bench sql clean distclean

setup: $(SETUP)

$(SETUP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

fetch: $(PROVENANCE)
build: $(DATABASE)
model: $(RESULTS)
report: $(REPORT)

$(PROVENANCE): $(SETUP) $(FETCH_INPUTS)
	$(DPEACE) fetch

$(DATABASE): $(PROVENANCE) $(BUILD_INPUTS)
	$(DPEACE) build

$(RESULTS): $(DATABASE) $(MODEL_INPUTS)
	$(DPEACE) model

$(REPORT): $(RESULTS) $(REPORT_INPUTS)
	$(DPEACE) report

test: $(SETUP)
	$(BIN)/python -m pytest

bench: $(SETUP)
	$(BIN)/python -m pipeline.bench

sql: $(DATABASE)
	$(DPEACE) sql

clean:
	rm -rf $(DATA)/peace.duckdb $(RESULTS) $(REPORT) reports/bench.json

distclean: clean
	rm -rf $(VENV) $(DATA)
