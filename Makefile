# Two commands do all set-up on a fresh Debian 12 machine with Python 3.11:
#   make site    build the sample campaign into output/
#   make test    run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
LANG_CODE ?=
# Debian packages the build needs: the Noto fonts print products embed (Noto CJK: Chinese), poppler's pdftotext
# and pdftoppm (words read back from each layout, the QR code's close-up), ArgyllCMS and the FOGRA39 data for the
# default print profile. Typst, pikepdf and PDFium come as Python wheels.
BUILD_PACKAGES := fonts-noto-core fonts-noto-cjk pdftoppm:poppler-utils colprof:argyll icc-profiles-free
# Commands the browser, HTML and PDF checks need (command:Debian package); nginx, apache2 and caddy run the
# server configs the build writes (nginx.conf, .htaccess, Caddyfile) on 127.0.0.1 in tests/test_servers.py.
TEST_COMMANDS := chromium:chromium java:default-jre-headless qpdf:qpdf nginx:nginx apache2:apache2 caddy:caddy

.PHONY: site serve check test test-fast system bytecode bench bench-print bench-scans translations clean

site: $(INSTALLED) system bytecode
	$(BIN)/python build.py

serve: $(INSTALLED) system bytecode
	$(BIN)/python build.py serve

check: $(INSTALLED) bytecode
	$(BIN)/python build.py check

test: $(INSTALLED) $(NODE_INSTALLED) system bytecode
	scripts/system-packages.sh $(TEST_COMMANDS)
	$(BIN)/python -m pytest

# The everyday loop: everything but the browser, the cold print runs and the generated searches (tests/conftest.py).
test-fast: $(INSTALLED) $(NODE_INSTALLED) system bytecode
	$(BIN)/python -m pytest -m "not slow" -q

system:
	scripts/system-packages.sh $(BUILD_PACKAGES)

# The tool's own modules compiled ahead (compileall redoes only what changed): where PYTHONDONTWRITEBYTECODE is
# set, as on CI machines, Python would compile them again at the start of every build and worker.
bytecode: $(INSTALLED)
	$(BIN)/python -m compileall -q campaign scripts build.py pelicanconf.py >/dev/null

# Render 100 posters cold and warm; prints posters/s and peak memory.
bench-print: $(INSTALLED) system bytecode
	$(BIN)/python scripts/bench_print.py --posters 100

# Count scans in a generated 1,000,000-line access log: lines/s, side by side with GoAccess.
bench-scans: $(INSTALLED)
	scripts/system-packages.sh goaccess:goaccess
	$(BIN)/python scripts/bench_scans.py --lines 1000000 --runs 3

# 500 pages x 4 languages + 100 posters: cold, no-op and one-edit builds, side by side with Hugo; the preview;
# `build.py check` of the sample with an empty cache and with nothing changed.
bench: $(INSTALLED) system bytecode
	scripts/system-packages.sh hugo:hugo
	$(BIN)/python scripts/bench.py --pages 500 --posters 100 --runs 3
	$(BIN)/python scripts/bench_preview.py --runs 5
	$(BIN)/python scripts/bench_check.py --runs 3

# Re-extract the theme's strings into messages.pot and merge them into every catalog; the same for the scan
# report's strings (report.pot, campaign/scans/), merged into the languages that have a report.po.
# `make translations LANG_CODE=pt_BR` starts both catalogs for a new language.
translations: $(INSTALLED)
	$(BIN)/pybabel extract -F theme/babel.cfg -k t:2 --no-location --project="campaign theme" -o theme/translations/messages.pot theme campaign/print
	@if [ -n "$(LANG_CODE)" ] && [ ! -f theme/translations/$(LANG_CODE)/LC_MESSAGES/messages.po ]; then \
		$(BIN)/pybabel init -i theme/translations/messages.pot -d theme/translations -l $(LANG_CODE); fi
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel extract -F theme/babel-report.cfg --no-location --project="campaign scan report" -o theme/translations/report.pot campaign/scans
	@if [ -n "$(LANG_CODE)" ] && [ ! -f theme/translations/$(LANG_CODE)/LC_MESSAGES/report.po ]; then \
		$(BIN)/pybabel init -D report -i theme/translations/report.pot -d theme/translations -l $(LANG_CODE); fi
	@for po in theme/translations/*/LC_MESSAGES/report.po; do \
		$(BIN)/pybabel update -D report -i theme/translations/report.pot -o $$po -l $$(basename $$(dirname $$(dirname $$po))) \
			--no-fuzzy-matching --ignore-obsolete || exit 1; done

# The virtual environment, rebuilt whenever the pinned requirements change.
$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV) || { scripts/system-packages.sh python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# axe-core and the Nu HTML Checker, pinned in package-lock.json (run on Node 20).
$(NODE_INSTALLED): package.json package-lock.json
	scripts/system-packages.sh npm:npm
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) node_modules output .output.* .pytest_cache test-artifacts
