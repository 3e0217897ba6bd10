# Quick start: `make run` extracts seeds/ into out/ with the default engine; `make test` tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install run test lint record schemas bench fast clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

run: install
	$(BIN)/extractor extract seeds/ --out out/
	@echo
	@echo "Next: $(BIN)/extractor review out/    # read the flagged records beside their articles"
	@echo "      $(BIN)/extractor report out/    # what the checks found, as a page"
	@echo "      $(BIN)/extractor --help         # every command (or: source $(BIN)/activate)"

lint: install
	$(BIN)/ruff check extractor schemas prompts tests bench scripts setup.py
	$(BIN)/ruff format --check extractor schemas prompts tests bench scripts setup.py
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

record: install
	scripts/record_cassettes.sh

bench: install
	$(BIN)/python bench/bench_rules.py
	$(BIN)/python bench/bench_batch.py all
	$(BIN)/python bench/mutation_report.py

# The rules engine compiled with mypyc (about 1.4x as fast, the same drafts byte for byte) in a
# venv of its own, for long batches: .venv-fast/bin/extractor extract ... Needs a C compiler.
FAST ?= .venv-fast
fast: install
	$(PYTHON) -m venv $(FAST)
	$(FAST)/bin/pip install -q --upgrade pip
	$(FAST)/bin/pip install -q setuptools wheel mypy .
	EXTRACTOR_MYPYC=1 $(FAST)/bin/pip install -q --no-build-isolation --no-deps --force-reinstall .
	rm -rf build
	$(BIN)/python bench/compiled_identity.py $(FAST)/bin/python

schemas: install
	$(BIN)/python -m schemas

clean:
	rm -rf $(VENV) $(FAST) out build *.egg-info
