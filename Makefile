# newsdigest: `make site` builds the sample digest into output/, `make test` runs the tests.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The day the sample articles were collected: dates without a year are read relative to it.
SAMPLE_REFERENCE_DATE := 2025-12-31

.PHONY: site test lint serve browser clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

site: $(INSTALLED)
	$(BIN)/newsdigest ingest content/articles --output content/posts \
		--reference-date $(SAMPLE_REFERENCE_DATE) --report content/ingest-report.jsonl
	$(BIN)/newsdigest build

serve: site
	$(BIN)/newsdigest serve

# Debian's Chromium for the browser tests (Playwright drives it; Playwright downloads nothing),
# an emoji font for the flags in screenshots, and Java for the Nu HTML checker.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1 \
		|| [ ! -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; then \
		echo "installing Debian's chromium, fonts-noto-color-emoji and a Java runtime for the tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium fonts-noto-color-emoji default-jre-headless; fi

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(INSTALLED) browser lint
	$(BIN)/pytest

clean:
	rm -rf output content/posts content/ingest-report.jsonl .pytest_cache
