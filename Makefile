# DealRules: `make demo` and `make test` work from a fresh checkout on a
# Debian machine that has Swift; `deps` installs the rest.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := demo

SWIFT ?= swift
# The machine is shared and small: two build jobs at most.
JOBS ?= 2
BIN := .build/debug/dealrules
# Release builds link the Swift runtime and Foundation into the binary on
# Linux: a process then maps and relocates only what it uses, which takes
# about 6 MB off every run's memory and a third off the demo's start-up
# (docs/performance.md, "Static runtime"). Debug builds stay dynamic.
ifeq ($(shell uname -s),Linux)
RELEASE_FLAGS := -c release --static-swift-stdlib
else
RELEASE_FLAGS := -c release
endif
CONFORMANCE := ../shared/conformance/run

.PHONY: deps build release demo test bench fuzz

deps:
	@bash scripts/install-deps.sh

build:
	$(SWIFT) build --jobs $(JOBS) --product dealrules

release:
	$(SWIFT) build --jobs $(JOBS) $(RELEASE_FLAGS) --product dealrules

# `check` exits 1 when high-severity findings exist, which is what a demo
# shows; only exit 2 (bad input) or worse fails the demo.
demo: deps build
	@status=0; \
	./$(BIN) check Rules --data data/deals.yaml --as-of 2026-11-24 || status=$$?; \
	if [ "$$status" -gt 1 ]; then \
		echo "make demo: dealrules check exited $$status" >&2; exit "$$status"; \
	fi

# Every part runs even when an earlier one fails, so one run shows all
# failures; each part prints its own summary and the last line names the
# parts that failed.
test: deps build
	@failed=(); \
	echo "== swift test"; \
	$(SWIFT) test --jobs $(JOBS) || failed+=("swift test"); \
	echo "== dealrules test Rules"; \
	./$(BIN) test Rules || failed+=("dealrules test Rules"); \
	if [ -e "$(CONFORMANCE)" ]; then \
		echo "== conformance cases"; \
		python3 "$(CONFORMANCE)" "$(CURDIR)/$(BIN)" || failed+=("conformance"); \
	else \
		echo "== conformance cases skipped: $(CONFORMANCE) not found"; \
	fi; \
	if [ "$${#failed[@]}" -gt 0 ]; then \
		printf 'make test: FAILED:' >&2; printf ' [%s]' "$${failed[@]}" >&2; echo >&2; \
		exit 1; \
	fi; \
	echo "make test: all parts passed"

# Benchmarks are a separate package (Benchmarks/) so that neither `build`
# nor `swift test` compiles or times them. Figures and targets are printed
# side by side; docs/performance.md explains them.
bench: deps
	$(SWIFT) build --jobs $(JOBS) $(RELEASE_FLAGS) --product dealrules
	@# The build plan of a package that uses this one by path lists this
	@# package's source files; a plan made before a file was added misses it.
	rm -f Benchmarks/.build/release.yaml
	$(SWIFT) build --jobs $(JOBS) $(RELEASE_FLAGS) --package-path Benchmarks --product dealrules-bench
	Benchmarks/.build/release/dealrules-bench --root "$(CURDIR)" --dealrules "$(CURDIR)/.build/release/dealrules"

# libFuzzer targets are a separate package (Fuzz/): each runs FUZZ_SECONDS
# (default 60) and the target fails on any crash, hang or memory blow-up,
# keeping the input under fuzz-artifacts/. docs/robustness.md explains them.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) SWIFT=$(SWIFT) bash Fuzz/run.sh
