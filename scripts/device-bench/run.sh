#!/bin/sh
# The speed issue's GPU run, for one call of the device tool (a few
# minutes): unpacks .devbench/ (see pack.sh), writes the four benchmark
# models (Qwen3-0.6B and 1.7B shapes, Q8_0 and the Q4_K_M mix, random
# weights), runs `vela-cli bench` on each on the Vulkan device Vela picks
# (decode products in both the split-k and the subgroup layout),
# and writes to $OUT: gpu.txt, devices.json, bench.jsonl (one line per
# model), profile.txt (1.7B Q4_K_M, kernel times) and summary.md (tokens/s
# and weight bandwidth against the card's peak).
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
nv=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$nv" ]; then
    export VK_DRIVER_FILES="$nv"
fi
# The bundled libraries for the bundled programs only (python3 and
# nvidia-smi keep the machine's own).
cli() { LD_LIBRARY_PATH="$work/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$work/bin/vela-cli" "$@"; }
gen() { LD_LIBRARY_PATH="$work/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$work/bin/vela-testgen" "$@"; }

{ nvidia-smi --query-gpu=name,memory.total,clocks.max.memory --format=csv 2>&1 || echo "no nvidia-smi"; } > "$out/gpu.txt"
cli devices --json > "$out/devices.json"
cat "$out/gpu.txt" "$out/devices.json"

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
for f in $models; do
    # Both layouts of the decode products (MatmulFusion::Layout): Auto
    # takes split-k on GPUs until these numbers say otherwise.
    for layout in split-k subgroup; do
        echo "== $(basename "$f") --matmul $layout"
        # shellcheck disable=SC2086
        cli bench "$f" $runs --backend vulkan --matmul $layout --json | tee -a "$out/bench.jsonl"
    done
done
last=$(echo "$models" | awk '{print $NF}')
# shellcheck disable=SC2086
cli bench "$last" $runs --backend vulkan --profile > "$out/profile.txt" 2>&1 || true

python3 "$root/scripts/device-bench/summary.py" "$out/gpu.txt" "$out/bench.jsonl" > "$out/summary.md"
cat "$out/summary.md"
