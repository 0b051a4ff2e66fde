# Kita-Wegweiser — the two commands of the README: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app service.web

.PHONY: run test install lint i18n migrate load bot clean browser bench

$(STAMP): pyproject.toml $(wildcard service/*/*.pyx service/*/*.pxd)
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

locales/.compiled: $(STAMP) $(wildcard locales/*/LC_MESSAGES/messages.po)
	@if ls locales/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then $(BIN)/pybabel -q compile -d locales; fi
	touch $@

migrate: $(STAMP)
	$(FLASK) db upgrade

load: migrate
	$(FLASK) directory load

run: load locales/.compiled
	$(FLASK) run --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

bot: load locales/.compiled
	$(BIN)/python -m bots.telegram

# Browser tests drive Debian's Chromium (Playwright's own download does not work here); without it they are
# skipped with a loud reason outside CI and fail in CI.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
		|| echo "warning: could not install chromium; browser tests will be skipped (or fail in CI)"

test: $(STAMP) locales/.compiled browser
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP) locales/.compiled
	$(BIN)/python benchmarks/web_bench.py

lint: $(STAMP)
	$(BIN)/ruff check service bots tests benchmarks

i18n: $(STAMP)
	$(BIN)/python -m service.catalogs update
	$(BIN)/python -m service.catalogs missing || true
	touch locales/.compiled

clean:
	rm -rf $(VENV) instance .pytest_cache
