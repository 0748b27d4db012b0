# Treff – the two commands that matter: `make demo` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := TREFF_DEMO_MODE=1 DEBUG=0
FONTS := build/fira-sans/fira-sans.css

.PHONY: demo test install install-dev serve worker lint format check lock messages bench clean

demo: install
	$(DEMO_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEMO_ENV) $(BIN)/python manage.py collectstatic --no-input -v0
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	@echo ""
	@echo "Treff demo: http://$(HOST):$(PORT)/   (web server and worker; stop both with Ctrl+C)"
	$(DEMO_ENV) TREFF_BIND=$(HOST):$(PORT) PATH="$(abspath $(BIN)):$$PATH" $(BIN)/honcho start -f Procfile

# One test worker per core (pytest-xdist); each has its own test database and live server.
PYTEST_WORKERS ?= auto
test: install-dev
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Dependencies: reinstalled only when a lock file changes.
install: $(VENV)/.installed node_modules/.installed locale/de/LC_MESSAGES/django.mo $(FONTS)
install-dev: $(VENV)/.installed-dev node_modules/.installed locale/de/LC_MESSAGES/django.mo $(FONTS) .chromium

$(VENV)/bin/python:
	scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.installed

node_modules/.installed: package-lock.json
	scripts/system-deps.sh
	npm ci --no-audit --no-fund --silent
	touch $@

# One target for every catalogue: the staff one, Leichte Sprache and the public site's.
CATALOGUES := $(wildcard locale/*/LC_MESSAGES/django.po treff/*/locale/*/LC_MESSAGES/django.po)
locale/de/LC_MESSAGES/django.mo: $(CATALOGUES) | $(VENV)/.installed
	scripts/system-deps.sh
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
	touch $@

# Fira Sans cut to the Latin and Cyrillic letters the pages need (a tenth of KERN's files).
$(FONTS): scripts/subset_fonts.py node_modules/.installed | $(VENV)/.installed
	$(BIN)/python scripts/subset_fonts.py

.chromium:
	scripts/system-deps.sh --test
	@touch $@

serve: install
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# A background worker for `make serve` (make demo starts its own).
worker: install
	DEBUG=1 $(BIN)/python manage.py treff_worker

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the lock files after changing pyproject.toml.
lock: install-dev
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements-dev.lock

# Extract new strings into the catalogues; translate them, then `make install` compiles.
# German: every string (the public site's land in treff/public/locale/de). The other public
# languages read only treff/public; Leichte Sprache (de-x-ls, whose locale name makemessages
# refuses) is merged from the same template with msgmerge. Its catalogue is in locale/ (first
# in LOCALE_PATHS): gettext would otherwise take locale/de's German for "de_X-ls" there.
PUBLIC_PO = locale/de_X-ls/LC_MESSAGES/django.po
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l de --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests --no-obsolete
	cd treff/public && DEBUG=1 ../../$(BIN)/python ../../manage.py makemessages -l uk -l ar -l ru -l tr --no-obsolete --keep-pot
	msgmerge --quiet --update --backup=none --no-fuzzy-matching $(PUBLIC_PO) treff/public/locale/django.pot
	msgattrib --no-obsolete -o $(PUBLIC_PO) $(PUBLIC_PO)
	rm treff/public/locale/django.pot

bench: install-dev
	scripts/system-deps.sh --bench
	$(BIN)/python bench/run.py
	bench/http_load.sh

clean:
	rm -rf $(VENV) node_modules staticfiles build .chromium
