#!/bin/sh
# The speed issue's GPU run, for one call of the device tool (a few
# minutes): unpacks .devbench/ (see pack.sh), writes the four benchmark
# models (Qwen3-0.6B and 1.7B shapes, Q8_0 and the Q4_K_M mix, random
# weights), runs `vela-cli bench` on each on the Vulkan device Vela picks
# (decode products in both the split-k and the subgroup layout),
# and writes to $OUT: gpu.txt, devices.json, bench.jsonl (one line per
# model), profile.txt (1.7B Q4_K_M, kernel times) and summary.md (tokens/s
# and weight bandwidth against the card's peak), plus loader.txt (the
# Vulkan loader's driver search). Exits non-zero, saying why, when no
# driver or no discrete GPU is found or any bench fails.
#
#   QUICK=1 sh scripts/device-bench/run.sh   small shapes and runs, to try
#                                            the script on any Vulkan device
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-$root/.devbench/out}
mkdir -p "$out"
work=${TMPDIR:-/tmp}/vela-devbench
rm -rf "$work"
mkdir -p "$work"
if command -v xz > /dev/null; then
    xz -dc "$root/.devbench/bundle.tar.xz" | tar -C "$work" -xf -
else
    python3 -c "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" \
        "$root/.devbench/bundle.tar.xz" "$work"
fi
# The GPU's driver (find-driver.sh): on the device machine NVIDIA's, found
# wherever the image put it; QUICK=1 (a try on this machine) or
# VELA_BENCH_DRIVER=system keeps the loader's own search.
driver=${VELA_BENCH_DRIVER:-nvidia}
[ "${QUICK:-0}" = 1 ] && [ -z "${VELA_BENCH_DRIVER:-}" ] && driver=system
DRIVER_LIB_DIR=""
if [ "$driver" != system ]; then
    # (not eval "$(...)": eval of a failed substitution's empty output succeeds)
    assignments=$(sh "$root/scripts/device-bench/find-driver.sh" "$work" "$driver") || exit 1
    eval "$assignments"
fi
# The bundled programs run under the bundled glibc and its dynamic loader
# (pack.sh), so the bundle needs nothing of the machine's C library (the
# device image's may be older than the 2.36 it was built with). The library
# path: the bundle, then the driver's folder (its sibling libraries); the
# driver itself may also use the machine's libraries through ld.so.cache.
# python3 and nvidia-smi keep the machine's own.
libpath="$work/lib${DRIVER_LIB_DIR:+:$DRIVER_LIB_DIR}"
run_bundled() {
    prog=$1
    shift
    "$work/lib/ld-linux-x86-64.so.2" --library-path "$libpath" "$work/bin/$prog" "$@"
}
cli() { run_bundled vela-cli "$@"; }
gen() { run_bundled vela-testgen "$@"; }
failed=0

{ nvidia-smi --query-gpu=name,memory.total,clocks.max.memory,driver_version --format=csv 2>&1 || echo "no nvidia-smi"; } > "$out/gpu.txt"
# The loader's account of what it found (kept for when no device shows up).
if ! VK_LOADER_DEBUG=error,warn,driver cli devices --json > "$out/devices.json" 2> "$out/loader.txt"; then
    cat "$out/gpu.txt"
    tail -n 40 "$out/loader.txt"
    echo "run.sh: vela-cli found no usable Vulkan device (loader output above, in loader.txt)" >&2
    exit 1
fi
cat "$out/gpu.txt" "$out/devices.json"
# A timing of lavapipe is no GPU run: the default device must be a discrete
# GPU unless this is a try (QUICK=1) or VELA_BENCH_ANY_DEVICE=1.
if [ "${QUICK:-0}" != 1 ] && [ "${VELA_BENCH_ANY_DEVICE:-0}" != 1 ]; then
    type=$(python3 -c "import json, sys; d = json.load(open(sys.argv[1]))['devices']; print(next((x['type'] for x in d if x['default']), 'none'))" "$out/devices.json")
    if [ "$type" != discrete ]; then
        tail -n 40 "$out/loader.txt"
        echo "run.sh: the device Vela picks is '$type', not a discrete GPU (loader output above)" >&2
        exit 1
    fi
fi

if [ "${QUICK:-0}" = 1 ]; then
    shapes="small:--layers 2 --embd 256 --heads 4 --kv-heads 2 --head-dim 64 --ffn 512 --vocab 4096 --ctx 1024"
    runs="-p 64 -n 16 -r 1"
else
    q06="--layers 28 --embd 1024 --heads 16 --kv-heads 8 --head-dim 128 --ffn 3072 --vocab 151936 --ctx 4096"
    q17="--layers 28 --embd 2048 --heads 16 --kv-heads 8 --head-dim 128 --ffn 6144 --vocab 151936 --ctx 4096"
    shapes="0.6B:$q06|1.7B:$q17"
    runs="-p 512 -n 128 -r 3"
fi

# The models, written in parallel (quantizing a 1.7B model takes a while).
models=""
IFS='|'
for entry in $shapes; do
    name=${entry%%:*}
    opts=${entry#*:}
    for type in Q8_0 Q4_K_M; do
        f="$work/$name-$type.gguf"
        models="$models $f"
        IFS=' '
        # shellcheck disable=SC2086
        gen model "$f" $opts --type "$type" > "$work/$name-$type.log" 2>&1 &
        IFS='|'
    done
done
IFS=' '
wait
for f in $models; do
    [ -s "$f" ] || { echo "run.sh: $f was not written:"; cat "${f%.gguf}.log"; exit 1; } >&2
done

: > "$out/bench.jsonl"
one=$work/one.json
for f in $models; do
    # Both layouts of the decode products (MatmulFusion::Layout): Auto
    # takes split-k on GPUs until these numbers say otherwise.
    for layout in split-k subgroup; do
        echo "== $(basename "$f") --matmul $layout"
        # shellcheck disable=SC2086
        if cli bench "$f" $runs --backend vulkan --matmul $layout --json > "$one" 2> "$work/bench.err"; then
            cat "$one"
            cat "$one" >> "$out/bench.jsonl"
        else
            cat "$work/bench.err" >&2
            echo "run.sh: bench of $(basename "$f") with --matmul $layout failed" >&2
            failed=1
        fi
    done
done
last=$(echo "$models" | awk '{print $NF}')
# shellcheck disable=SC2086
if ! cli bench "$last" $runs --backend vulkan --profile > "$out/profile.txt" 2>&1; then
    cat "$out/profile.txt" >&2
    echo "run.sh: the profiled bench failed" >&2
    failed=1
fi

python3 "$root/scripts/device-bench/summary.py" "$out/gpu.txt" "$out/bench.jsonl" > "$out/summary.md"
cat "$out/summary.md"
exit $failed
