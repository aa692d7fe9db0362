# PTĐV — the two commands of README.md: `make run` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_DB ?= ptdv-demo.db
CMAKE_FLAGS ?=

.PHONY: all deps configure build run demo test bench format clean web web-test e2e e2e-run bench-web

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j$(JOBS)

# Builds, loads the Huế demo into $(DEMO_DB) (once) and shows what is due.
run: build web
	@bash scripts/run-demo.sh $(BUILD)/ptdv $(DEMO_DB)

test: CMAKE_FLAGS += -DPTDV_WERROR=ON
test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 600
	@$(MAKE) --no-print-directory web-test e2e-run

bench: build
	@bash bench/run.sh $(BUILD)

# HTTP benchmark of `ptdv serve` with wrk (Debian's; installed here only): bench/http/run.sh.
# PTDV_BENCH_DB names the nation-scale demo database, generated when missing (~20 min, ~5 GB).
.PHONY: bench-http
bench-http: build
	@PTDV_WITH_EXTRA="wrk curl" bash scripts/install-deps.sh
	@bash bench/http/run.sh $(BUILD)

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
# web/: Vite + React + antd. `web` builds web/dist (served by `ptdv serve` by default);
# `web-test` runs the Vitest component tests; `e2e` drives /usr/bin/chromium through
# playwright-core against the real server (skipped when chromium is missing); `bench-web`
# measures bundle sizes and the first render of "Việc cần làm".
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@cd web && npm ci --no-audit --no-fund --loglevel=error

web: web/node_modules/.package-lock.json
	@cd web && npm run --silent build

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
