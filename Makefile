# Every target builds .venv itself: a fresh machine needs nothing but python3.11.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint format migrations check-migrations bench clean locales

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found (Python 3.11 is required)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/helpdesk run

# The desk without Telegram: a demo desk against the built-in Bot API emulator (./demo).
demo: $(STAMP)
	$(BIN)/helpdesk sandbox

# Three workers on two cores (a file's tests stay on one worker): most tests wait on
# sockets and subprocesses; the fleet file alone takes ~3 minutes on its worker.
TEST_WORKERS ?= 3

test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Generate the next migration for both dialects from the models: make migrations name=add_x
migrations: $(STAMP)
	$(BIN)/helpdesk makemigrations --name $(or $(name),update)

# Fails when the models changed without a migration (either dialect).
check-migrations: $(STAMP)
	$(BIN)/helpdesk makemigrations --check

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache

# Re-extract texts into the catalogs after changing user-visible strings (then translate ru).
locales: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k gettext -k __ -k N_ --no-location --omit-header -o bot/locales/messages.pot bot handlers console
	$(BIN)/pybabel update -i bot/locales/messages.pot -d bot/locales --no-fuzzy-matching --omit-header --ignore-obsolete
