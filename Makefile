# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test bench bench-web eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/detente demo --db demo.db

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_ingest.py --articles 240

bench-web: $(STAMP)
	$(BIN)/python bench/bench_web.py --events 100000 --requests 30

eval: $(STAMP)
	$(BIN)/detente eval-corpus examples/wars examples/ledger_story --report eval-corpus.json
	$(BIN)/detente eval ../shared/eval/plv-dev.csv --labels plover15
	$(BIN)/detente eval ../shared/eval/case2021-dev.tsv --labels acled

clean:
	rm -rf $(VENV) demo.db build dist src/*.egg-info
