# PTĐV — the two commands of README.md: `make run` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_DB ?= ptdv-demo.db
PORT ?= 8080
CMAKE_FLAGS ?=

# A recipe that fails or is interrupted leaves no half-made file (web/dist/index.html) behind.
.DELETE_ON_ERROR:

.PHONY: all deps configure build ptdv run demo test check check-format check-tidy check-size sanitize \
	bench format clean web web-test e2e e2e-run bench-web

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j$(JOBS)

# Only the server binary, in a build dir configured once (ninja reconfigures it by itself
# when a CMakeLists.txt changes).
$(BUILD)/build.ninja: | deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

ptdv: deps $(BUILD)/build.ninja
	@cmake --build $(BUILD) -j$(JOBS) --target ptdv

# Builds what running needs (ptdv and the web UI, each only when out of date), loads the Huế
# demo into $(DEMO_DB) once, then serves it on http://127.0.0.1:$(PORT)/ until Ctrl+C.
run: ptdv web
	@DB='$(DEMO_DB)' PORT='$(PORT)' exec bash scripts/run-demo.sh $(BUILD)/ptdv

# The deployment of docs/deploy.md on this machine: a PostgreSQL cluster with the Huế demo, two
# app servers and nginx in front of them on http://127.0.0.1:$(PORT)/ (scripts/run-cluster.sh).
.PHONY: run-cluster
run-cluster: ptdv web
	@PTDV_WITH_EXTRA="nginx-light curl" bash scripts/install-deps.sh
	@PORT='$(PORT)' exec bash scripts/run-cluster.sh $(BUILD)/ptdv

test: CMAKE_FLAGS += -DPTDV_WERROR=ON
test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 600
	@$(MAKE) --no-print-directory web-test e2e-run

# --- what CI runs (.ci/run) ------------------------------------------------------------------
# `make check`: format, clang-tidy and size checks on what changed since the base (the merge-base
# with origin/main, else HEAD~$$CHECK_COMMITS (default 2); CHECK_BASE=<rev> overrides), the ASan+UBSan
# tests, a short run of every fuzz target, then `make test`.
CHECK_BASE ?=
ASAN_BUILD ?= build-sanitize
SANITIZE_CXX ?= clang++-16
FUZZ_SECONDS ?= 60
CHECK_FUZZ_SECONDS ?= 10

check: check-format check-size check-tidy sanitize check-fuzz test

check-format: deps
	@bash scripts/check-format.sh $(CHECK_BASE)

# clang-tidy reads $(BUILD)/compile_commands.json, so the build is configured first.
check-tidy: configure
	@bash scripts/check-tidy.sh $(CHECK_BASE)

check-size: deps
	@python3 scripts/check-size.py

.PHONY: sanitize-configure fuzz check-fuzz

# One clang build dir for the sanitizers and the fuzzers: ASan+UBSan at -O1 with line tables
# (enough for their stack traces), every library instrumented for libFuzzer. Only the targets
# asked for are built: `sanitize` the domain and storage tests, `fuzz` the fuzz targets.
sanitize-configure: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_COMPILER=$(SANITIZE_CXX) -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
	  -DPTDV_SANITIZE=ON -DPTDV_FUZZ=ON -DPTDV_WERROR=ON >/dev/null

# Domain and storage tests under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: sanitize-configure
	@cmake --build $(ASAN_BUILD) -j$(JOBS) --target ptdv_domain_tests ptdv_storage_tests
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j$(JOBS) --timeout 600 -L '^(domain|storage)$$'

# The libFuzzer targets of fuzz/, each for FUZZ_SECONDS from its seed corpus fuzz/corpus/<name>/
# (fuzz/run.sh prints executions and CPU time per target); FUZZ_TARGETS="date http_request"
# picks some. `check-fuzz` runs them briefly.
FUZZ_TARGETS ?=
fuzz: sanitize-configure
	@cmake --build $(ASAN_BUILD) -j$(JOBS) \
	  --target $(if $(FUZZ_TARGETS),$(addsuffix _fuzz,$(FUZZ_TARGETS)),ptdv_fuzz)
	@bash fuzz/run.sh $(ASAN_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

check-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS)

bench: build
	@bash bench/run.sh $(BUILD)

# HTTP benchmark of `ptdv serve` with wrk (Debian's; installed here only): bench/http/run.sh.
# PTDV_BENCH_DB names the nation-scale demo database, generated when missing (~20 min, ~5 GB).
.PHONY: bench-http
bench-http: build
	@PTDV_WITH_EXTRA="wrk curl" bash scripts/install-deps.sh
	@bash bench/http/run.sh $(BUILD)

# Mixed load: 200 units' staff reading while cases are written, with logins (bench/mixed/run.sh).
.PHONY: bench-mixed
bench-mixed: build
	@PTDV_WITH_EXTRA="wrk curl nginx-light" bash scripts/install-deps.sh
	@bash bench/mixed/run.sh $(BUILD)

# The same mixed load on SQLite and on PostgreSQL with one and two app servers behind nginx,
# one of them killed halfway in the last setup (bench/pg/run.sh).
.PHONY: bench-pg
bench-pg: build
	@PTDV_WITH_EXTRA="wrk curl nginx-light" bash scripts/install-deps.sh
	@bash bench/pg/run.sh $(BUILD)

# Import: 100,000 members from a CSV list, then the same file again (bench/import/run.sh).
.PHONY: bench-import
bench-import: ptdv
	@bash bench/import/run.sh $(BUILD)

# Login flood: the case list's p99 idle and under a flood of logins (bench/login_flood/run.sh).
.PHONY: bench-login-flood
bench-login-flood: build
	@PTDV_WITH_EXTRA="wrk curl" bash scripts/install-deps.sh
	@bash bench/login_flood/run.sh $(BUILD)

# Dashboard benchmark: city and ward dashboards at city and nation scale, with the
# plain SQL GROUP BY of the same counts; PTDV_BENCH_DB as for bench-http (bench/dashboard/run.sh).
.PHONY: bench-dashboard
bench-dashboard: build
	@cmake --build $(BUILD) -j$(JOBS) --target dashboard_bench
	@bash bench/dashboard/run.sh $(BUILD)

# --- web UI ----------------------------------------------------------------------------
# web/: Vite + React + antd. `web` builds web/dist (served by `ptdv serve` by default) when a
# source is newer than it, with a .br and a .gz copy of each text file;
# `web-test` runs the Vitest component tests; `e2e` drives /usr/bin/chromium through
# playwright-core against the real server (skipped when chromium is missing); `bench-web`
# measures bundle sizes and the first render of "Việc cần làm".
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@cd web && npm ci --no-audit --no-fund --loglevel=error

# schema.d.ts is generated from src/http/openapi/*.json, which stand for it here.
WEB_SOURCES := $(shell find web/src web/public web/scripts -type f ! -name schema.d.ts 2>/dev/null) \
	web/index.html web/vite.config.ts web/tsconfig.json web/package.json \
	$(wildcard src/http/openapi/*.json)

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	@cd web && npm run --silent build

web: web/dist/index.html

web-test: web/node_modules/.package-lock.json
	@cd web && npm run --silent test

e2e: build e2e-run

e2e-run: web
	@if [ -x /usr/bin/chromium ]; then \
	  cd web && PTDV_BIN=$(abspath $(BUILD))/ptdv npx tsx e2e/run.ts; \
	else echo "e2e: /usr/bin/chromium missing, skipped (scripts/install-deps.sh installs it)"; fi

bench-web: build web
	@bash bench/web/run.sh $(BUILD)
# --- end web UI ----------------------------------------------------------------------------

format:
	@clang-format -i $$(git ls-files 'src/*.h' 'src/*.cc' 'tests/*.cc' 'bench/*.cc')

clean:
	rm -rf $(BUILD)
