# Customer Value Calculator — build, serve, test and benchmark.
#
#   make serve   install what is missing, build the release site, serve it on 127.0.0.1:8080
#   make test    install what is missing, run native, SQL, browser, end-to-end and engine smoke tests
#   make data    fetch the CDNOW test files into .cache/ (only when missing)
#   make dist    build the static site into dist/
#   make bench   print bundle sizes and timings
#
# Every install step is idempotent and uses only the package registries
# (rustup's target, cargo, apt, npm, pip). Nothing downloads a prebuilt binary.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p}' Cargo.lock)
TRUNK_VERSION := 0.21.14
PORT ?= 8080
# CDNOW test data (customer_base tests, make test-sql): the datasets shipped in
# the `lifetimes` 0.11.3 wheel, fetched by `make data`, never committed.
CDNOW_DIR := $(CURDIR)/.cache/cdnow/lifetimes/datasets
CDNOW_FILES := CDNOW_master.txt cdnow_customers_summary.csv cdnow_customers_summary_with_transactions.csv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Regenerates static/schema/ from the Rust types (a test fails while it is stale).
schema:
	UPDATE_SCHEMA=1 cargo test --locked --test document the_schema_file_is_generated_from_the_types

.PHONY: fuzz test-repeat lint schema help setup setup-rust setup-node setup-browser setup-engines dist serve data test test-native test-sql test-browser test-e2e test-engines bench clean

help:
	@echo "make serve | make test | make dist | make bench"

setup: setup-rust setup-node setup-browser setup-engines

setup-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes, once)"; \
	  cargo install wasm-bindgen-cli --version "$(WASM_BINDGEN_VERSION)" --force; \
	fi
	@if [ "$$(trunk --version 2>/dev/null | cut -d' ' -f2)" != "$(TRUNK_VERSION)" ]; then \
	  echo "installing trunk $(TRUNK_VERSION) (about 8 minutes, once)"; \
	  cargo install trunk --version "$(TRUNK_VERSION)" --locked --force; \
	fi

setup-node:
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund; \
	fi

setup-browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -d /usr/share/fonts/opentype/noto ]; then \
	  $(SUDO) apt-get update -q; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium chromium-driver fonts-noto-cjk; \
	fi

# The two other browser engines of the smoke suite: WebKitGTK (Debian's
# WebKitWebDriver, under xvfb-run) and Firefox ESR (geckodriver from crates.io).
setup-engines:
	@if [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x /usr/bin/firefox-esr ] || ! command -v xvfb-run >/dev/null; then \
	  $(SUDO) apt-get update -q; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q webkit2gtk-driver firefox-esr xvfb; \
	fi
	@command -v geckodriver >/dev/null || { echo "installing geckodriver (a few minutes, once)"; cargo install geckodriver --locked; }

dist: setup-rust setup-node
	trunk build --release --offline
	@node tests/support/sizes.mjs dist

serve: dist
	@echo "Open http://127.0.0.1:$(PORT)/"
	node tests/support/serve.mjs dist $(PORT)

test: setup lint test-native test-sql test-browser test-e2e test-engines

# Formatting and lints, for the native and the wasm target (warnings are errors).
lint: setup-rust
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --all-targets -- -D warnings

# Downloads the wheel with pip and unpacks its datasets, only when a file is missing.
data:
	@missing=0; for f in $(CDNOW_FILES); do [ -f "$(CDNOW_DIR)/$$f" ] || missing=1; done; \
	if [ $$missing = 1 ]; then \
	  python3 -m pip download --no-deps lifetimes==0.11.3 -d .cache/pip; \
	  wheel=$$(ls .cache/pip/*ifetimes-0.11.3-py3-none-any.whl | head -n 1); \
	  python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); [z.extract(n, ".cache/cdnow") for n in z.namelist() if n.startswith("lifetimes/datasets/")]' "$$wheel"; \
	  for f in $(CDNOW_FILES); do [ -f "$(CDNOW_DIR)/$$f" ] || { echo "data: $$f not in $$wheel" >&2; exit 1; }; done; \
	fi

test-native: data
	CDNOW_DIR=$(CDNOW_DIR) cargo test --locked

# tests/support/summary.sql in DuckDB (a venv in .cache/venv) against the app's own summary of CDNOW_master.txt.
test-sql: data
	CDNOW_DIR=$(CDNOW_DIR) python3 tests/support/check_sql.py

# wasm-bindgen browser tests in headless Chromium through chromedriver.
test-browser: setup-rust setup-browser
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/tests/support/webdriver.json \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test --locked --target wasm32-unknown-unknown --features embedded-catalogs --test browser

test-e2e: dist setup-browser
	playwright test --config tests/e2e/playwright.config.mjs

# The smoke suite (load, course exercise, switch calculators, export, import,
# share link, a large survey read by the worker, numbers as Intl prints them,
# a customer base data file) in WebKitGTK and Firefox ESR over WebDriver.
test-engines: dist setup-engines
	node tests/webdriver/smoke.mjs dist

# Fuzz targets as property tests (cargo-fuzz needs nightly, which cannot be
# installed here): FUZZ_CASES inputs per target, in release mode.
FUZZ_CASES ?= 100000
fuzz:
	FUZZ_CASES=$(FUZZ_CASES) cargo test --locked --release --test fuzz -- --nocapture --test-threads 1

# The end-to-end suite five times over: a test that passes only sometimes fails here.
test-repeat: dist setup-browser
	playwright test --config tests/e2e/playwright.config.mjs --repeat-each=5

bench: dist setup-browser data
	CDNOW_DIR=$(CDNOW_DIR) node tests/support/bench.mjs

clean:
	rm -rf dist target/wasm-opt tests/e2e/output bench-output
