# bilat: `make run` installs into .venv and extracts the bundled sample news;
# `make test` runs ruff, mypy and pytest; `make bench` prints speed figures;
# `make bench-web` loads the web app.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test lint bench bench-store bench-web bench-scale gazetteer clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(PIP) install -e ".[dev]"
	@touch $@

# the embedded default store (SQLite); set BILAT_DB for another database
run: $(VENV)/.installed
	$(VENV)/bin/bilat ingest samples/news
	$(VENV)/bin/bilat dyads --limit 12
	$(VENV)/bin/bilat events --limit 12
	@echo
	@echo "Browse it: run '$(VENV)/bin/bilat serve' and open http://127.0.0.1:8000/ (API docs: /docs)"

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check src tests scripts bench
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/pytest

# speed goals live here, never in timed tests: extraction vs bare spaCy, then
# a synthetic store of one million events (ingest rates, query latencies), then
# scale-out (1 vs 2 workers, Dask LocalCluster, WARC reading)
bench: $(VENV)/.installed
	$(PY) bench/bench.py
	$(PY) bench/bench_store.py
	$(PY) bench/bench_scale.py

# 1 vs 2 worker processes, a two-worker Dask LocalCluster, WARC reading
bench-scale: $(VENV)/.installed
	$(PY) bench/bench_scale.py

bench-store: $(VENV)/.installed
	$(PY) bench/bench_store.py

# the web app under 50 concurrent clients on loopback: requests/s, p50/p95 of
# /api/events for a dyad and of the dyad page (a one-million-event store is built first)
bench-web: $(VENV)/.dev
	$(PY) bench/bench_web.py

gazetteer: $(VENV)/.dev
	$(PY) scripts/build_gazetteer.py
	$(PY) scripts/build_units.py

clean:
	rm -rf $(VENV) out build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
	rm -f bilat.db bilat.db-wal bilat.db-shm
