#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a given time.
#
#   Tests/Fuzz/run.sh SECONDS [TARGET ...]     (targets: safetensors idx gzip csv; default: all)
#
# The targets (Tests/Fuzz/Targets/*.swift) and the entry point (Tests/Fuzz/main.swift) are
# compiled with the library's sources into one executable (swiftc -sanitize=fuzzer,address), so
# the fuzz entry points never enter the library and the library is compiled once;
# LAYERWISE_FUZZ_TARGET picks the target at run time. The committed seeds (Tests/Fuzz/seeds/<target>/, from make_seeds.py) are copied into
# a working corpus under .build/fuzz/, which grows between runs. Crashing inputs are saved in
# .build/fuzz/artifacts/<target>/, and the script exits non-zero if any target crashed.
# Environment: FUZZ_JOBS (targets run at once, default 1), FUZZ_BUILD_ONLY=1.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:?usage: Tests/Fuzz/run.sh SECONDS [TARGET ...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(safetensors idx gzip csv); fi
jobs=${FUZZ_JOBS:-1}

if ! command -v swiftc >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swiftc ]; then
    export PATH=/opt/swift/usr/bin:$PATH
fi

work=.build/fuzz
mkdir -p "$work"
mapfile -t sources < <(find Sources/Layerwise -name '*.swift' | sort)

binary=$work/layerwise-fuzz
build() {
    # Rebuild when a source or a target is newer than the binary.
    if [ -x "$binary" ] && [ -z "$(find Sources Tests/Fuzz \( -name '*.swift' -o -name '*.c' -o -name '*.h' \) -newer "$binary" | head -1)" ]; then
        return
    fi
    echo "building $binary"
    # The library's C kernels (Sources/_LayerwiseKernels, when present) are compiled with
    # clang, not instrumented (they are not under test), and imported through a module map.
    local kernels=Sources/_LayerwiseKernels
    local extra=()
    if [ -d "$kernels" ]; then
        mkdir -p "$work/kernels/module"
        local file
        for file in "$kernels"/*.c; do
            clang -O2 -fPIC -I "$kernels/include" -c "$file" -o "$work/kernels/$(basename "$file" .c).o" \
                2>> "$work/build.log" || { cat "$work/build.log"; exit 1; }
        done
        printf 'module _LayerwiseKernels {\n    umbrella "%s"\n    export *\n}\n' "$PWD/$kernels/include" \
            > "$work/kernels/module/module.modulemap"
        extra=(-I "$work/kernels/module" "$work"/kernels/*.o)
    fi
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name Layerwise \
        "${sources[@]}" Tests/Fuzz/Targets/*.swift Tests/Fuzz/main.swift "${extra[@]}" -o "$binary" 2> "$work/build.log" \
        || { grep -v "ld.gold: warning" "$work/build.log"; exit 1; }
}

run() {
    local target=$1
    local corpus=$work/corpus/$target
    local artifacts=$work/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    cp -n Tests/Fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
    local log=$work/$target.log
    set +e
    # SWIFT_BACKTRACE=enable=no: let libFuzzer report a crash (the Swift backtracer's own
    # memory reads trip AddressSanitizer).
    SWIFT_BACKTRACE=enable=no LAYERWISE_FUZZ_TARGET=$target "$binary" "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 \
        -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts/" > "$log" 2>&1
    local status=$?
    set -e
    local runs
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
    local crashes
    crashes=$(find "$artifacts" -type f | wc -l)
    printf '%-12s %6ss  %12s executions  corpus %5d files  exit %d  artifacts %d\n' \
        "$target" "$seconds" "$runs" "$(find "$corpus" -type f | wc -l)" "$status" "$crashes"
    if [ $status -ne 0 ]; then
        grep -E 'ERROR|Fatal error|Precondition|SUMMARY' "$log" | head -5
        return 1
    fi
}

build
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0

failed=0
if [ "$jobs" -le 1 ]; then
    for target in "${targets[@]}"; do run "$target" || failed=1; done
else
    pids=()
    for target in "${targets[@]}"; do
        run "$target" & pids+=($!)
        while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || failed=1; done
    done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
fi
exit $failed
