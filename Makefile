# The two set-up commands of the README: `make demo` and `make test`. Both install into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := demo-out

.PHONY: demo test install lint typecheck pytest clean

# Re-install when the project's dependencies change.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

demo: install
	rm -rf $(DEMO)
	$(BIN)/filiere demo run $(DEMO)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check filiere tests bench

typecheck: install
	$(BIN)/mypy --strict filiere

pytest: install
	$(BIN)/pytest -q

test: lint typecheck pytest

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache
