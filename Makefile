# dpeace: fetch -> build -> model -> report, each a file target so that `make report`
# re-runs only the stages whose inputs changed.
#
#   make report   set up, then fetch, build, model, curve and report (the main job)
#   make test     set up, lint (make lint: ruff and sqlfluff), then run the test suite
#   make format   rewrite the code so that make lint passes
#   make lock     regenerate requirements.lock (exact versions and hashes) with uv
#   make bench    time and measure every stage (never fails for being slow)
#   make sql      an interactive SQL prompt on the database
#
# Point the fetchers at a mirror with DPEACE_MIRROR=DIR_OR_URL (see README).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SETUP  := $(VENV)/.setup-done
DPEACE := $(BIN)/dpeace
# uv installs the locked environment (make setup) and writes the lock (make lock).
UV_VERSION := 0.13.9
UV     := $(BIN)/uv

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
                 sql/schema.yml $(wildcard pipeline/stage/*.py pipeline/transform/*.py pipeline/database.py) \
                 $(wildcard sql/build_info/*.sql) pipeline/build_identity.py pipeline/data_lock.py pipeline/leftovers.py
# The data tests' templates (the declarations are in sql/schema.yml).
BUILD_INPUTS  += $(wildcard sql/tests/*.sql)
# The cached raw files themselves: one changed after the last build (newer than the database)
# makes the build run again, and the build then refuses it unless it matches its recorded
# sha256. (Not listed as prerequisites: some of their names hold spaces.)
RAW_CHANGED   := $(if $(shell find $(DATA)/raw -mindepth 2 -type f -newer $(DATABASE) 2>/dev/null | head -1),FORCE)
MODEL_INPUTS  := $(wildcard pipeline/model/*.py pipeline/model/*.toml sql/model/*.sql)
# The curve reads the grid beside the battery and the model package's JSON writer.
CURVE_INPUTS  := $(wildcard pipeline/curve/*.py sql/curve/*.sql) pipeline/model/curve_grid.toml pipeline/model/store.py
# Not __pycache__: Python rewrites it whenever it imports the package. The report shows
# the dpeace version (pipeline/__init__.py).
REPORT_INPUTS := $(shell find pipeline/report -type f -not -path '*/__pycache__/*' 2>/dev/null) \
                 $(wildcard sql/report/*.sql) pipeline/__init__.py
# The report names the software lock (its sha256) in its configuration.
REPORT_INPUTS += requirements.lock

.PHONY: setup lock fetch build model curve report test lint format bench sql clean distclean FORCE

setup: $(SETUP)

# Set-up installs the exact versions (and hashes) in requirements.lock with uv, then the
# project itself (editable, no dependencies of its own: the lock has them all).
$(SETUP): $(BIN)/uv requirements.lock pyproject.toml
	$(UV) pip sync --quiet --python $(BIN)/python --require-hashes requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)

# Regenerate the lock after editing pyproject.toml's dependencies, keeping the versions
# already locked where they still fit; `make lock LOCK_FLAGS=--upgrade` takes the newest.
lock: $(BIN)/uv
	$(UV) pip compile --quiet $(LOCK_FLAGS) pyproject.toml --extra dev --generate-hashes \
	  --python-version 3.11 --custom-compile-command 'make lock' -o requirements.lock

fetch: $(PROVENANCE)
build: $(DATABASE)
model: $(RESULTS)
curve: $(CURVE)
report: $(REPORT)

$(PROVENANCE): $(SETUP) $(FETCH_INPUTS)
	$(DPEACE) fetch

$(DATABASE): $(PROVENANCE) $(BUILD_INPUTS) $(RAW_CHANGED)
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

FORCE:

# The run fails when fewer tests are collected than the floor in tests/collected_floor.txt
# (tests/collection_floor.py), and when none are (pytest's exit code 5 is not a pass).
test: lint
	$(BIN)/python -m pytest -p tests.collection_floor --collected-floor "$$(cat tests/collected_floor.txt)"

# ruff (Python; configured in pyproject.toml) and sqlfluff (sql/; configured in .sqlfluff).
lint: $(SETUP)
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/sqlfluff lint sql

# Rewrite the code so that `make lint` passes: ruff's safe fixes (import order and such,
# which ruff format leaves alone), ruff format, sqlfluff fix.
format: $(SETUP)
	$(BIN)/ruff check --fix-only
	$(BIN)/ruff format
	$(BIN)/sqlfluff fix sql

bench: $(SETUP)
	$(BIN)/python -m dpeace.bench

sql: $(DATABASE)
	$(DPEACE) sql

# Also what interrupted runs left behind: temporary databases and exports, fetch scratch folders.
clean:
	rm -rf $(DATABASE) $(DATABASE).tmp $(DATA)/build_log.json $(RESULTS) $(CURVE) $(REPORT) $(REPORTS)/bench.json
	rm -rf $(DATA)/.*.tmp $(DATA)/.*.tmp.wal $(DATA)/.fetch-* $(DATA)/exports/.*.tmp $(REPORTS)/.*.tmp

distclean: clean
	rm -rf $(VENV) $(DATA)
