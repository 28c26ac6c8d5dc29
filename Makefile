# The two set-up commands of the README: `make demo` and `make test`. Both install into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := demo-out

.PHONY: demo test install lint typecheck pytest screenshots clean
CHROMIUM := /usr/bin/chromium

# Re-install when the project's dependencies or its compiled parts change (setup.py compiles the
# C first pass and, through mypyc, the detectors of filiere/extract).
$(BIN)/.installed: pyproject.toml setup.py filiere/extract/_prescan.c $(wildcard filiere/extract/*.py)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

# Debian's Chromium for the browser tests and screenshots (Playwright drives it; no browser is downloaded).
$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null

demo: install
	rm -rf $(DEMO)
	$(BIN)/filiere demo run $(DEMO)
	printf 'demo-filiere-2024\n' | $(BIN)/filiere user add demo --role investigator --password-stdin --cases-dir $(DEMO)
	$(BIN)/filiere user grant demo case --cases-dir $(DEMO)
	@echo "Poste de travail web : $(BIN)/filiere serve $(DEMO)  puis http://127.0.0.1:8000 (demo / demo-filiere-2024)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check filiere tests bench setup.py conftest.py

typecheck: install
	$(BIN)/mypy --strict filiere

pytest: install $(CHROMIUM)
	$(BIN)/pytest -q

# A screenshot of each main page of the demo case, for the README.
screenshots: demo $(CHROMIUM)
	$(BIN)/python bench/screenshots.py $(DEMO) case

test: lint typecheck pytest

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache
