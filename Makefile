# Begrotingslab: the two commands are `make reports` and `make test`; both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= data
OUT ?= reports
JOBS ?=
LAB_VERSION := jupyterlab>=4.5,<5
# as root (containers, CI boxes) JupyterLab refuses to start without --allow-root

.PHONY: setup reports test lab lock bench clean-cache clean

setup: $(STAMP)

# Pinned, reproducible install: exact versions from requirements.lock, then the package itself (editable).
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

reports: $(STAMP)
	$(BIN)/begrotingslab build --data $(DATA) --out $(OUT) $(if $(JOBS),--jobs $(JOBS))

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/python -c "import jupyterlab" 2>/dev/null || $(BIN)/python -m pip install --quiet "$(LAB_VERSION)"
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

# Benchmarks: each bench/bench_*.py prints its figures and writes bench/results/<name>.json.
bench: $(STAMP)
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

# Re-pin after changing dependencies in pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e ".[test]"
	(echo "# Exact pins for 'make' installs: pip freeze of a venv built from pyproject.toml with [test]."; \
	 echo "# Regenerate with 'make lock' after changing dependencies in pyproject.toml."; \
	 .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^begrotingslab') > requirements.lock
	rm -rf .venv-lock

# Only what builds wrote: the caches under $(DATA)/processed, and the files the manifest of $(OUT) lists
# (never other files in $(OUT)). Without .venv there is nothing of ours to list.
clean-cache:
	test ! -x $(BIN)/begrotingslab || $(BIN)/begrotingslab clean --cache --data $(DATA)

clean:
	test ! -x $(BIN)/begrotingslab || $(BIN)/begrotingslab clean --reports --cache --out $(OUT) --data $(DATA)
	rm -rf $(VENV)
