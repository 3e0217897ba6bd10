# Quick start: `make run` extracts seeds/ into out/ with the default engine; `make test` tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install run test lint record schemas bench clean

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
	$(BIN)/ruff check extractor schemas prompts tests bench scripts
	$(BIN)/ruff format --check extractor schemas prompts tests bench scripts
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

record: install
	scripts/record_cassettes.sh

bench: install
	$(BIN)/python bench/bench_rules.py
	$(BIN)/python bench/bench_batch.py all
	$(BIN)/python bench/mutation_report.py

schemas: install
	$(BIN)/python -m schemas

clean:
	rm -rf $(VENV) out build *.egg-info
