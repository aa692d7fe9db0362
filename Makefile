# PTĐV — the two commands of README.md: `make run` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_DB ?= ptdv-demo.db
CMAKE_FLAGS ?=

.PHONY: all deps configure build run demo test bench format clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j$(JOBS)

# Builds, loads the Huế demo into $(DEMO_DB) (once) and shows what is due.
run: build
	@bash scripts/run-demo.sh $(BUILD)/ptdv $(DEMO_DB)

test: CMAKE_FLAGS += -DPTDV_WERROR=ON
test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 600

bench: build
	@bash bench/run.sh $(BUILD)

format:
	@clang-format -i $$(git ls-files 'src/*.h' 'src/*.cc' 'tests/*.cc' 'bench/*.cc')

clean:
	rm -rf $(BUILD)
