# donthu: see README.md. Every target works on a fresh machine with only Go.
GO      ?= go
BIN     := bin/donthu
DEMO_DB ?= data/demo.db
PKGS    := ./...
LDFLAGS := -s -w

.PHONY: build run test vet tidy-check fmt-check test-386 cross-vet bench bench-micro fuzz crash release release-check clean

build:
	$(GO) build -o $(BIN) ./cmd/donthu

# Builds, creates a demo database on first run, opens donthu on it.
# Sign in as "demo" (every role) or "letan" (receptionist), password "demo".
run: build
	@test -f $(DEMO_DB) || $(BIN) --db $(DEMO_DB) demo
	$(BIN) --db $(DEMO_DB)

# Every test: formatting, vet (also as Windows), the race detector over all
# packages, the core again as a 32-bit build, and the release binaries
# (Windows included) built and held to their size budget.
test: fmt-check tidy-check vet cross-vet
	$(GO) test -race -count=1 $(PKGS)
	$(MAKE) test-386
	$(MAKE) release-check

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

# go.mod and go.sum say exactly what the code imports.
tidy-check:
	$(GO) mod tidy -diff

# The parts that differ by platform (data folder, file locking, paths)
# are checked as Windows builds, 64- and 32-bit.
cross-vet:
	GOOS=windows GOARCH=amd64 $(GO) vet $(PKGS)
	GOOS=windows GOARCH=386 $(GO) vet $(PKGS)
	GOOS=darwin GOARCH=arm64 $(GO) vet $(PKGS)

# 32-bit: the store and the model run as linux/386 (the map limits differ).
test-386:
	CGO_ENABLED=0 GOARCH=386 $(GO) test -count=1 ./model/... ./store/...

# Performance at the scale of a decade, as one table (see README,
# "Performance"): builds the demo files once into BENCH_DIR (minutes; a
# few GB of disk), then measures each figure in fresh processes, the
# median of BENCH_RUNS runs. BENCH_SCALE picks the columns, BENCH_ONLY
# the groups of measures (e.g. BENCH_ONLY=report; empty = all).
BENCH_DIR   ?= $(or $(TMPDIR),/tmp)/donthu-bench
BENCH_RUNS  ?= 3
BENCH_SCALE ?= 100k,office,province,register
BENCH_ONLY  ?=
bench: build
	$(GO) build -o bin/donthu-bench ./cmd/donthu-bench
	bin/donthu-bench -bin $(BIN) -dir $(BENCH_DIR) -runs $(BENCH_RUNS) -scale $(BENCH_SCALE) -only '$(BENCH_ONLY)'

# The Go micro-benchmarks of each package (small fixtures). Compare medians.
bench-micro:
	$(GO) test -run='^$$' -bench=. -benchmem -count=5 ./model/... ./store/... ./tui/... ./cmd/...

# Long fuzzing and many-seed convergence runs. Minimising a new input is
# bounded, so the time goes to fuzzing; each target's last line gives its
# executions.
FUZZTIME ?= 60s
FUZZMINTIME ?= 10s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list='^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; \
	    out=$$($(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINTIME) $$pkg 2>&1); rc=$$?; \
	    echo "$$out" | grep 'execs:' | tail -1; [ $$rc = 0 ] || { echo "$$out"; exit 1; }; \
	  done; \
	done
	DONTHU_SEEDS=500 $(GO) test -count=1 -run='Convergence' ./store/...

# The long reliability campaign (make test runs a short one of each):
# thousands of kills of the real binary, every file-size limit over every
# writing command, hundreds of damaged files salvaged, and over 100,000
# random keys on the interface. -v prints the figures.
crash:
	@run() { out=$$("$$@" 2>&1); rc=$$?; echo "$$out" | grep -E '^(---|ok|FAIL)|harness:|limits:|damaged files|key storm'; \
	  [ $$rc = 0 ] || { echo "$$out" | tail -50; exit 1; }; }; \
	run env DONTHU_CRASH=3000 DONTHU_FAULTS=all $(GO) test -count=1 -timeout=2h -v -run='TestCrashHarness|TestFileSizeLimitSweep' ./cmd/donthu && \
	run env DONTHU_DAMAGE=500 $(GO) test -count=1 -timeout=1h -v -run='TestDamageCampaign' ./store && \
	run env DONTHU_STORM=20000 $(GO) test -count=1 -timeout=1h -v -run='TestKeyStorm' ./tui

release:
	@mkdir -p dist
	@for t in windows/amd64 windows/386 linux/amd64 linux/386 darwin/arm64; do \
	  os=$${t%/*}; arch=$${t#*/}; ext=; [ $$os = windows ] && ext=.exe; \
	  out=dist/donthu-$$os-$$arch$$ext; \
	  echo "$$out"; CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags='$(LDFLAGS)' -o $$out ./cmd/donthu || exit 1; \
	done
	@ls -l dist

# Each release binary must stay under 20 MB (old laptops, USB sticks).
MAXBIN := 20971520
release-check: release
	@for f in dist/*; do \
	  n=$$(wc -c < $$f); \
	  if [ $$n -gt $(MAXBIN) ]; then echo "$$f is $$n bytes, over 20 MB"; exit 1; fi; \
	done; echo "release binaries under 20 MB: ok"

clean:
	rm -rf bin dist
