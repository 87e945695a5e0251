# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed

.PHONY: demo test build notebooks lab browser-deps curl-deps node-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Debian's Chromium (never playwright's own download: no network here) and a CJK font for Chinese labels.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi wqy; then \
	  echo "Installing chromium and fonts-wqy-microhei through apt"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	fi

build: $(STAMP)
	$(KG) build

demo: $(STAMP)
	$(KG) build
	$(KG) stats
	$(KG) query queries/cq04_roadshow_participants.rq
	@echo "Explorer: open build/explorer.html in a browser"

# Debian's curl, one of the real clients the endpoint tests use.
curl-deps:
	@command -v curl >/dev/null || { echo "Installing curl through apt"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }

# Debian's Node.js, whose own test runner tests the explorer's JavaScript modules (tests/js/).
node-deps:
	@command -v node >/dev/null || { echo "Installing nodejs through apt"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; }

test: $(STAMP) browser-deps curl-deps node-deps
	$(PY) -m pytest
	node --test tests/js/

# Benchmarks (measurements, not tests; minutes, not seconds): every script in benchmarks/ except the
# helper modules listed here; each writes its results to benchmarks/results/.
BENCH_HELPERS := benchmarks/__init__.py benchmarks/synthetic.py
BENCHMARKS    := $(sort $(filter-out $(BENCH_HELPERS),$(wildcard benchmarks/*.py)))

# BENCH_QUICK=1 (default): explorer_layout makes a quicker pass (see benchmarks/README.md) so that the whole
# run fits in 15 minutes on 2 cores; `make bench BENCH_QUICK=0` for its full run.
BENCH_QUICK ?= 1

bench: $(STAMP) browser-deps
	@set -e; for script in $(BENCHMARKS); do echo "== $$script"; BENCH_QUICK=$(BENCH_QUICK) $(PY) $$script; done

notebooks: $(STAMP)
	$(PY) -m tools.notebooks notebooks/*.ipynb

# JupyterLab (the `lab` extra) in the project's .venv, serving notebooks/ on loopback only; no browser is opened:
# open the URL it prints (with its token). LAB_PORT=8888 by default; Ctrl-C stops it.
LAB_PORT  ?= 8888
LAB_STAMP := $(VENV)/.lab-installed

$(LAB_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[lab]'
	touch $@

lab: $(LAB_STAMP)
	@test -f build/kg.nt || $(KG) build
	@echo "JupyterLab on http://127.0.0.1:$(LAB_PORT)/lab: open the URL with its token, printed below"
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=notebooks --ip=127.0.0.1 --port=$(LAB_PORT) --no-browser \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf build $(VENV) .venv-bench
