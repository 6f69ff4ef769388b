# dpeace: fetch -> build -> model -> report, each a file target so that `make report`
# re-runs only the stages whose inputs changed.
#
#   make          set up only: the virtualenv from requirements.lock (as `make setup`)
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
# Their paths may hold spaces: a rule names its files through $(call escape,...), which escapes
# each space as make reads names in rules and wildcards (`a\ b`); recipes quote them ("$@").
empty      :=
space      := $(empty) $(empty)
escape      = $(subst $(space),\$(space),$1)
DATA       := $(or $(DPEACE_DATA),data)
REPORTS    := $(or $(DPEACE_REPORTS),reports)
PROVENANCE := $(DATA)/raw/provenance.json
# `dpeace fetch` rewrites nothing when every file is cached and verified, so make keeps a
# stamp of its own for "the fetch step ran since its code last changed".
FETCHED    := $(DATA)/.fetched
DATABASE   := $(DATA)/peace.duckdb
# The build's own mark of completion: written after the new database is swapped in. The
# model and curve stages add their tables to the database in place, so its mtime says
# nothing of when it was built.
BUILD_LOG  := $(DATA)/build_log.json
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
RAW_CHANGED   := $(if $(shell find "$(DATA)/raw" -mindepth 2 -type f -newer "$(BUILD_LOG)" 2>/dev/null | head -1),FORCE)
# A build log without its database (deleted by hand) is no build; nor is a database that
# fails the cheap integrity check (dpeace.database_check: not a DuckDB file, or shorter than its
# own header counts, as a full disk or an interrupted copy leaves it).
BUILD_MISSING := $(if $(wildcard $(call escape,$(DATABASE))),$(shell $(BIN)/python -m dpeace.database_check "$(DATABASE)" >/dev/null 2>&1 || echo FORCE),FORCE)
MODEL_INPUTS  := $(filter-out pipeline/model/curve_grid.toml,$(wildcard pipeline/model/*.py pipeline/model/*.toml sql/model/*.sql))
# The curve reads the grid beside the battery, fits with the model package's engine (the
# modules ENGINE_MODULES in pipeline/model/logit.py names) and rounds as the battery does.
ENGINE        := $(addprefix pipeline/model/,logit.py firth.py covariance.py blocks.py separation.py wald.py)
CURVE_INPUTS  := $(wildcard pipeline/curve/*.py sql/curve/*.sql) pipeline/model/curve_grid.toml $(ENGINE) \
                 pipeline/model/store.py pipeline/fit_cache.py
MODEL_INPUTS  += pipeline/fit_cache.py
# The catalog queries and their loader: the model stage is their first user.
MODEL_INPUTS  += $(wildcard sql/catalog/*.sql) pipeline/sql_files.py
# Not __pycache__: Python rewrites it whenever it imports the package. The report shows
# the dpeace version (pipeline/__init__.py).
# Nor the folders' GNUmakefiles, which only send `make` to this folder.
REPORT_INPUTS := $(shell find pipeline/report -type f -not -path '*/__pycache__/*' -not -name GNUmakefile 2>/dev/null) \
                 $(wildcard sql/report/*.sql) pipeline/__init__.py
# The report names the software lock (its sha256) in its configuration.
REPORT_INPUTS += requirements.lock

.DEFAULT_GOAL := setup

.PHONY: setup lock fetch build model curve report test lint format bench sql clean distclean FORCE

setup: $(SETUP)

# Set-up installs the exact versions (and hashes) in requirements.lock with uv, then the
# project itself (editable, no dependencies of its own: the lock has them all). Bytecode is
# compiled once here: without it every stage recompiles numpy, pandas and the rest where
# PYTHONDONTWRITEBYTECODE is set. uv compiles only what it installs, not the editable
# project's own modules, so compileall does those (a module edited later is compiled
# again in memory until the next set-up).
$(SETUP): $(BIN)/uv requirements.lock pyproject.toml
	$(UV) pip sync --quiet --compile-bytecode --python $(BIN)/python --require-hashes requirements.lock
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m compileall -q pipeline
	touch $@

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)

# Regenerate the lock after editing pyproject.toml's dependencies, keeping the versions
# already locked where they still fit; `make lock LOCK_FLAGS=--upgrade` takes the newest.
lock: $(BIN)/uv
	$(UV) pip compile --quiet $(LOCK_FLAGS) pyproject.toml --extra dev --generate-hashes \
	  --python-version 3.11 --custom-compile-command 'make lock' -o requirements.lock

fetch: $(call escape,$(FETCHED))
build: $(call escape,$(BUILD_LOG))
model: $(call escape,$(RESULTS))
curve: $(call escape,$(CURVE))
report: $(call escape,$(REPORT))

$(call escape,$(FETCHED)): $(SETUP) $(FETCH_INPUTS) $(if $(wildcard $(call escape,$(PROVENANCE))),,FORCE)
	$(DPEACE) fetch
	touch "$@"

# Changes only when the fetch changed a record (the fetch itself is ordered before the
# build); no prerequisites of its own, so that `make -q` sees an up-to-date tree as such.
$(call escape,$(PROVENANCE)): ;

$(call escape,$(BUILD_LOG)): $(call escape,$(PROVENANCE)) $(BUILD_INPUTS) $(RAW_CHANGED) $(BUILD_MISSING) | $(call escape,$(FETCHED))
	$(DPEACE) build

$(call escape,$(RESULTS)): $(call escape,$(BUILD_LOG)) $(MODEL_INPUTS)
	$(DPEACE) model

# The curve needs the build, not the battery: editing a model does not refit the curve.
# Both add tables to the database, so the model stage runs first (order only).
$(call escape,$(CURVE)): $(call escape,$(BUILD_LOG)) $(CURVE_INPUTS) | $(call escape,$(RESULTS))
	$(DPEACE) curve

$(call escape,$(REPORT)): $(call escape,$(RESULTS)) $(call escape,$(CURVE)) $(REPORT_INPUTS)
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

# Only reads: it opens the last complete database as it is and never rebuilds (a rebuild would
# drop the model and curve tables), saying when a build input or raw file is newer than its build.
sql: $(SETUP)
	@newer="$$(find $(BUILD_INPUTS) "$(DATA)/raw" -type f -newer "$(BUILD_LOG)" 2>/dev/null | head -1)"; \
	if [ -n "$$newer" ]; then \
	  echo "make sql: $(DATABASE) is older than $$newer (and perhaps other sources): this is the last complete build; run \`make build\` for a new one" >&2; \
	fi
	$(DPEACE) sql

# Also what interrupted runs left behind: temporary databases and exports, fetch scratch folders.
clean:
	rm -rf "$(DATABASE)" "$(DATABASE).tmp" "$(BUILD_LOG)" "$(RESULTS)" "$(CURVE)" "$(REPORT)" \
	  "$(DATA)/cache" "$(FETCHED)"
	rm -rf "$(DATA)"/.*.tmp "$(DATA)"/.*.tmp.wal "$(DATA)"/.*.tmp.spill "$(DATA)"/.fetch-* "$(DATA)/exports"/.*.tmp "$(REPORTS)"/.*.tmp

distclean: clean
	rm -rf $(VENV) "$(DATA)"
