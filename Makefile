# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages run test test-sqlite test-postgres lint demo clean fonts chromium postgres \
	stack-packages stack
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ".[test,demo]"
	touch $(STAMP)

install: $(STAMP) messages

# The portal's Czech catalogue is compiled on every install (compilemessages skips an
# unchanged catalogue); msgfmt comes from Debian's gettext.
messages: $(STAMP)
	@command -v msgfmt >/dev/null || { apt-get update -qq && $(APT_INSTALL) gettext; }
	$(BIN)/python manage.py compilemessages --locale cs --ignore '.venv' --ignore 'var' \
		--ignore 'node_modules' --ignore 'build' --ignore '.git'

# Debian packages: DejaVu fonts for the generated demo PDFs, Chromium for browser tests.
fonts:
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || \
		{ apt-get update -qq && $(APT_INSTALL) fonts-dejavu-core; }

chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && $(APT_INSTALL) chromium; }

# The production stack on one machine: Varnish as the front cache, nginx for image
# files and the benchmark's static copy, wrk for the benchmark. `make stack` serves the
# portal on http://127.0.0.1:$(STACK_PORT)/ (see README "Production stack").
STACK_PORT ?= 8080
stack-packages:
	@command -v varnishd >/dev/null && command -v nginx >/dev/null && command -v wrk >/dev/null || \
		{ apt-get update -qq && $(APT_INSTALL) varnish nginx-light wrk; }

stack: install fonts stack-packages
	$(BIN)/python deploy/stack.py --port $(STACK_PORT)

demo: install fonts
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content --with-admin

run: demo
	@echo "Portál běží na http://$(HOST):$(PORT)/ (administrace: http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -c pyproject.toml -r .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=portal.settings.test

# The suite runs on SQLite (the embedded default, with the browser tests) and again on
# PostgreSQL (the production database; the browser tests serve SQLite and are not repeated).
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/portal

test: install fonts chromium postgres stack-packages lint test-sqlite test-postgres

test-sqlite: install
	$(BIN)/python -m pytest

test-postgres: install postgres
	TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest -m "not browser" 

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || \
		{ pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start && sleep 2; }
	@pg_isready -h 127.0.0.1 -p 5432

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache portal/locale/*/LC_MESSAGES/*.mo
