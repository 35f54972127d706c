# newsdigest: `make site` builds the sample digest into output/, `make test` runs the tests.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The day the sample articles were collected: dates without a year are read relative to it.
SAMPLE_REFERENCE_DATE := 2025-12-31

.PHONY: site test lint serve system-deps clean

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

# What the tests run for real, from Debian: Chromium (driven by Playwright, which downloads
# nothing), an emoji font for the flags in screenshots, Java for the Nu HTML checker,
# nginx to serve a published site, rsync and git to publish it.
SYSTEM_COMMANDS := chromium java nginx rsync git
system-deps:
	@missing=""; for c in $(SYSTEM_COMMANDS); do \
		command -v $$c >/dev/null 2>&1 || [ -x /usr/sbin/$$c ] || missing="$$missing $$c"; done; \
	[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing="$$missing emoji-font"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages for the tests (missing:$$missing)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium fonts-noto-color-emoji default-jre-headless nginx-light rsync git; fi

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(INSTALLED) system-deps lint
	$(BIN)/pytest

clean:
	rm -rf output content/posts content/ingest-report.jsonl .pytest_cache
