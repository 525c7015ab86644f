# Kindred: `make demo` and `make test` work on a fresh machine with only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test test-postgresql lint run check eval bench clean

# Create the virtualenv when missing and (re)install when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/python bot.py demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The suite on SQLite and, side by side with it, again on a throw-away PostgreSQL (the tests
# that use a database) when one can be started here: the two passes are independent, and on two
# cores this takes the whole run from about 14 to about 9 minutes. The PostgreSQL pass writes to
# .pytest-postgresql.log, printed when it ends. Without PostgreSQL it says why and passes; under
# CI=true that is a failure. pytest exits 75 when the server would not start (tests/conftest.py).
# The screens' own tests (tests/crisis, tests/screening: most of them sentences screened, no
# database) run as a third pass beside the other two, into .pytest-screens.log: the SQLite pass
# alone had grown to 827 s of a 900 s budget, and the PostgreSQL pass leaves a core idle after
# its first six minutes.
SCREENS := tests/crisis tests/screening
test: lint
	@why=$$($(BIN)/python -c "from sandbox.pg_server import unavailable; print(unavailable() or '')"); \
	pg=""; \
	if [ -z "$$why" ]; then \
		$(BIN)/python -m pytest --db=postgresql -p no:cacheprovider > .pytest-postgresql.log 2>&1 & \
		pg=$$!; \
	fi; \
	$(BIN)/python -m pytest -p no:cacheprovider $(SCREENS) > .pytest-screens.log 2>&1 & \
	screens=$$!; \
	lite=0; $(BIN)/python -m pytest $(addprefix --ignore=,$(SCREENS)) || lite=$$?; \
	shown=0; wait $$screens || shown=$$?; \
	echo "---- screens pass on SQLite (.pytest-screens.log) ----"; cat .pytest-screens.log; \
	if [ $$shown -ne 0 ]; then echo "screens pass FAILED (exit $$shown)"; lite=$$shown; fi; \
	status=75; \
	if [ -n "$$pg" ]; then \
		status=0; wait $$pg || status=$$?; \
		echo "---- PostgreSQL pass (.pytest-postgresql.log) ----"; cat .pytest-postgresql.log; \
		why="the server would not start (pytest says why above)"; \
	fi; \
	if [ $$lite -ne 0 ]; then echo "SQLite pass FAILED (exit $$lite)"; exit $$lite; fi; \
	if [ $$status -eq 75 ]; then \
		if [ "$$CI" = "true" ]; then echo "PostgreSQL pass FAILED: $$why (CI=true needs it)"; exit 1; fi; \
		echo "PostgreSQL pass skipped: $$why"; \
	elif [ $$status -ne 0 ]; then exit $$status; fi

# Only the PostgreSQL pass (needs initdb and pg_ctl, PostgreSQL 15 or later).
test-postgresql: setup
	$(BIN)/python -m pytest --db=postgresql

run: setup
	$(BIN)/python bot.py run

check: setup
	$(BIN)/python bot.py check

eval: setup
	$(BIN)/python -m bench.eval_screens
	$(BIN)/python -m bench.eval_guidelines
	$(BIN)/python -m bench.eval_models
	$(BIN)/python -m bench.eval_multilingual

# Every benchmark runs and prints its numbers; the exit status is non-zero if any target is missed.
bench: setup
	status=0; \
	for b in bench_screens bench_alert_latency bench_scheduler bench_pairing bench_crisis_delivery bench_model bench_processes; do \
		$(BIN)/python -m bench.$$b || status=1; \
	done; \
	exit $$status

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
