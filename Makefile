# dpeace: fetch -> build -> model -> report, each a file target so that `make report`
# re-runs only the stages whose inputs changed.
#
#   make report   set up, then fetch, build, model, curve and report (the main job)
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

# The folders dpeace itself uses: DPEACE_DATA and DPEACE_REPORTS move them for make too.
DATA       := $(or $(DPEACE_DATA),data)
REPORTS    := $(or $(DPEACE_REPORTS),reports)
PROVENANCE := $(DATA)/raw/provenance.json
DATABASE   := $(DATA)/peace.duckdb
RESULTS    := $(DATA)/model_results.json
CURVE      := $(DATA)/specification_curve.json
REPORT     := $(REPORTS)/democratic_peace.html

# What each stage reads besides the previous stage's output. Shared code sits with the
# first stage that uses it, so a change re-runs that stage and all after it: the atomic
# file writer (every stage's outputs) with fetch, the database helpers with build.
FETCH_INPUTS  := $(wildcard pipeline/fetch/*.py pipeline/fetch/*.toml) pipeline/atomic_files.py
BUILD_INPUTS  := $(wildcard sql/staging/*.sql sql/intermediate/*.sql sql/marts/*.sql sql/seeds/*.csv) \
                 sql/schema.yml $(wildcard pipeline/stage/*.py pipeline/build/*.py pipeline/database.py)
MODEL_INPUTS  := $(wildcard pipeline/model/*.py pipeline/model/*.toml sql/model/*.sql)
# The curve reads the grid beside the battery and the model package's JSON writer.
CURVE_INPUTS  := $(wildcard pipeline/curve/*.py sql/curve/*.sql) pipeline/model/curve_grid.toml pipeline/model/store.py
# Not __pycache__: Python rewrites it whenever it imports the package. The report shows
# the dpeace version (pipeline/__init__.py).
REPORT_INPUTS := $(shell find pipeline/report -type f -not -path '*/__pycache__/*' 2>/dev/null) \
                 $(wildcard sql/report/*.sql) pipeline/__init__.py

.PHONY: setup fetch build model curve report test bench sql clean distclean

setup: $(SETUP)

$(SETUP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

fetch: $(PROVENANCE)
build: $(DATABASE)
model: $(RESULTS)
curve: $(CURVE)
report: $(REPORT)

$(PROVENANCE): $(SETUP) $(FETCH_INPUTS)
	$(DPEACE) fetch

$(DATABASE): $(PROVENANCE) $(BUILD_INPUTS)
	$(DPEACE) build

$(RESULTS): $(DATABASE) $(MODEL_INPUTS)
	$(DPEACE) model

# The curve adds its table to the database after the model stage did: giving the model results
# the database's new time keeps make from taking the model stage (and so the curve) for stale.
$(CURVE): $(RESULTS) $(CURVE_INPUTS)
	$(DPEACE) curve
	touch -r $(DATABASE) $(RESULTS)

$(REPORT): $(RESULTS) $(CURVE) $(REPORT_INPUTS)
	$(DPEACE) report

test: $(SETUP)
	$(BIN)/python -m pytest

bench: $(SETUP)
	$(BIN)/python -m pipeline.bench

sql: $(DATABASE)
	$(DPEACE) sql

clean:
	rm -rf $(DATABASE) $(DATA)/build_log.json $(RESULTS) $(CURVE) $(REPORT) $(REPORTS)/bench.json

distclean: clean
	rm -rf $(VENV) $(DATA)
