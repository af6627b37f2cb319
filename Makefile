# Everyday commands (README.md). `make run` and `make test` work on a fresh
# machine with Python 3.11+; everything runs inside .venv.

SYSTEM_PYTHON ?= python3
VENV := .venv
PYTHON := $(VENV)/bin/python
PIP := $(PYTHON) -m pip --disable-pip-version-check
CHROMIUM := /usr/bin/chromium
# Extra pytest arguments: make test PYTEST_ARGS="-k workflow -x"
PYTEST_ARGS ?=

.PHONY: run test lint migrations-check ci install install-dev chromium gettext postgresql-client messages compile-messages

## Serve the demo on http://127.0.0.1:8000/ (development settings, SQLite).
run: install compile-messages
	$(PYTHON) manage.py generate_field_key --write
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py load_demo
	$(PYTHON) manage.py create_demo_users
	$(PYTHON) manage.py runserver 127.0.0.1:8000

## The whole suite: on PostgreSQL when DATABASE_URL is set, else on SQLite.
test: install-dev chromium postgresql-client compile-messages
	@if [ -n "$${DATABASE_URL:-}" ]; then echo "Testing on the database server of DATABASE_URL."; \
	else echo "Testing on SQLite (set DATABASE_URL to test on PostgreSQL)."; fi
	$(PYTHON) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(VENV)/bin/lint-imports

migrations-check: install
	$(PYTHON) manage.py makemigrations --check --dry-run

ci:
	bash .ci/run

install: $(PYTHON)
	$(PIP) install --quiet -r requirements.txt

install-dev: $(PYTHON)
	$(PIP) install --quiet -r requirements-dev.txt

$(PYTHON):
	@$(SYSTEM_PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed; $(SYSTEM_PYTHON) is older." >&2; exit 1; }
	$(SYSTEM_PYTHON) -m venv $(VENV)

## The Arabic catalogue: `make messages` collects new strings from the code
## into locale/ar/LC_MESSAGES/django.po (translate them there); the compiled
## .mo files are built, not committed.
MESSAGE_ARGS := --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles --ignore=media
messages: install gettext
	$(PYTHON) manage.py makemessages -l ar --no-obsolete $(MESSAGE_ARGS)

compile-messages: install gettext
	$(PYTHON) manage.py compilemessages -l ar $(MESSAGE_ARGS)

## gettext's msgfmt compiles the catalogue (Debian's gettext package).
gettext:
	@if command -v msgfmt >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's gettext for the translations."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; \
	else \
		echo "msgfmt is missing and this is not root: install it with" \
			"'sudo apt-get install gettext', or the pages stay in English." >&2; exit 1; \
	fi

## `manage.py backup` / `restore` on PostgreSQL run pg_dump / pg_restore (Debian's postgresql-client,
## the server's major version or newer); the backup tests on PostgreSQL need them.
postgresql-client:
	@if command -v pg_dump >/dev/null && command -v pg_restore >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's postgresql-client for backups."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client; \
	else \
		echo "pg_dump is missing and this is not root: install it with" \
			"'sudo apt-get install postgresql-client', or backups on PostgreSQL cannot run." >&2; \
	fi

## The browser tests drive Debian's chromium.
chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium for the browser tests."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "$(CHROMIUM) is missing and this is not root: install it with" \
			"'sudo apt-get install chromium', or the browser tests cannot run." >&2; \
	fi

## Benchmark against raw PostgreSQL (bench/run.py; docs/performance.md): BENCH_SCALE=1 is SNHR size.
## Needs a PostgreSQL server: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hrdb_bench).
.PHONY: bench
bench: install
	BENCH_SCALE=$${BENCH_SCALE:-0.02} $(PYTHON) -m bench.run
