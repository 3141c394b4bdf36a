#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ and runs each for a bounded time.
# Exits non-zero if any target finds a crash, a hang or a leak; the input
# that caused it is kept under fuzz-artifacts/<target>/.
#
#   Fuzz/run.sh                     every target, FUZZ_SECONDS (60) each
#   Fuzz/run.sh fuzz-parser         one target
#   FUZZ_SECONDS=300 Fuzz/run.sh    longer runs
#   FUZZ_BIN=path/to/release Fuzz/run.sh   targets already built
#
# Seeds come from the repository (Rules/, data/, test inputs) and from the
# shared conformance cases when ../shared exists; corpora grow in
# $FUZZ_SCRATCH/corpus/<target> and are reused by the next run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${FUZZ_SECONDS:-60}"
scratch="${FUZZ_SCRATCH:-$root/.build-fuzz}"
jobs="${JOBS:-2}"
all_targets=(fuzz-parser fuzz-checker fuzz-printer fuzz-repl fuzz-json fuzz-ndjson fuzz-yaml fuzz-csv)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

# FUZZ_BIN: run targets built earlier instead of building.
if [ -n "${FUZZ_BIN:-}" ]; then
    bin="$FUZZ_BIN"
else
    echo "== building fuzz targets (release, -sanitize=fuzzer,address)"
    # The plan lists the root package's source files; one made before a
    # file was added would miss it.
    rm -f "$scratch/build/release.yaml"
    "${SWIFT:-swift}" build --jobs "$jobs" -c release --package-path Fuzz --scratch-path "$scratch/build" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
    bin="$("${SWIFT:-swift}" build -c release --package-path Fuzz --scratch-path "$scratch/build" --show-bin-path)"
fi

conformance="$root/../shared/conformance/cases"

# seed DIR EXT...: copies every repository file with one of the extensions.
seed() {
    local dir="$1"; shift
    mkdir -p "$dir"
    local ext
    for ext in "$@"; do
        while IFS= read -r -d '' file; do
            cp "$file" "$dir/$(echo "$file" | tr '/' '_')"
        done < <(find Rules data Tests Benchmarks "$conformance" -type f -name "*.$ext" -size -64k -print0 2>/dev/null)
    done
}

# The `--- rules` and `--- deals` parts of the language case files.
seed_cases() {
    local dir="$1" part="$2"
    mkdir -p "$dir"
    python3 - "$dir" "$part" <<'PY' || true
import os, sys
out, part = sys.argv[1], sys.argv[2]
for top, _, names in os.walk("Tests"):
    for name in names:
        if not name.endswith(".case"):
            continue
        text = open(os.path.join(top, name), encoding="utf-8", errors="replace").read()
        for index, chunk in enumerate(text.split("\n--- ")):
            header, _, body = chunk.partition("\n")
            if header.strip().startswith(part):
                with open(os.path.join(out, f"{name}.{index}"), "w") as handle:
                    handle.write(body)
PY
}

prepare() {
    local target="$1" corpus="$scratch/corpus/$1"
    mkdir -p "$corpus"
    case "$target" in
        fuzz-parser|fuzz-checker|fuzz-printer)
            seed "$corpus" rules md; seed_cases "$corpus" rules ;;
        fuzz-repl)
            seed "$corpus" rules; cp Fuzz/Seeds/repl/* "$corpus/" ;;
        fuzz-json) seed "$corpus" json ;;
        fuzz-ndjson) seed "$corpus" ndjson jsonl json ;;
        fuzz-yaml) seed "$corpus" yaml yml; seed_cases "$corpus" deals ;;
        fuzz-csv) seed "$corpus" csv ;;
    esac
}

dictionary() {
    case "$1" in
        fuzz-parser|fuzz-checker|fuzz-printer|fuzz-repl) echo "Fuzz/Dictionaries/rules.dict" ;;
        *) echo "Fuzz/Dictionaries/data.dict" ;;
    esac
}

failed=()
for target in "${targets[@]}"; do
    prepare "$target"
    artifacts="$root/fuzz-artifacts/$target"
    mkdir -p "$artifacts"
    echo "== $target for ${seconds}s"
    # -timeout: an input taking 10 s is a hang; -rss_limit_mb: memory out of
    # proportion to a few kilobytes of input is a finding too.
    status=0
    ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" "$bin/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -dict="$(dictionary "$target")" -artifact_prefix="$artifacts/" \
        -print_final_stats=1 "$scratch/corpus/$target" >"$scratch/$target.log" 2>&1 || status=$?
    grep -E '^#[0-9]+.*DONE|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^SUMMARY' "$scratch/$target.log" || true
    if [ "$status" -ne 0 ]; then
        echo "$target: exit $status, a crash, hang or memory blow-up; input kept in $artifacts/ (log: $scratch/$target.log)" >&2
        grep -E '^==[0-9]+==|Fatal error|deadly signal|^ERROR' "$scratch/$target.log" | head -5 >&2 || true
        failed+=("$target")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    printf 'make fuzz: FAILED:' >&2; printf ' [%s]' "${failed[@]}" >&2; echo >&2
    exit 1
fi
echo "make fuzz: no crash in ${#targets[@]} targets"
