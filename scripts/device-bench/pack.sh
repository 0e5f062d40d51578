#!/bin/sh
# Packs what the GPU speed run needs into .devbench/ (ignored by git): the
# built vela-cli and vela-testgen, stripped, with every shared library they
# load except glibc's, compressed. The device machine has a GPU driver and
# Python but no Qt, ICU or Vulkan loader, and nothing can be installed there.
#
#   scripts/device-bench/pack.sh [BUILD_DIR]     (default: build)
#
# Then, with the device tool: carry [".devbench"], command
#   sh scripts/device-bench/run.sh
# (docs/performance.md, "GPU run", has the whole procedure.)
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
for b in vela-cli vela-testgen; do
    [ -x "$build/bin/$b" ] || { echo "pack.sh: $build/bin/$b is missing: build it first" >&2; exit 1; }
done
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/lib"
for b in vela-cli vela-testgen; do
    strip -o "$stage/bin/$b" "$build/bin/$b"
done
# Every library the two load, resolved here; glibc's own stay (the target's
# glibc must be at least this machine's, 2.36).
ldd "$build/bin/vela-cli" "$build/bin/vela-testgen" | awk '/=> \//{print $3}' | sort -u | while read -r lib; do
    case "$(basename "$lib")" in
    libc.so.*|libm.so.*|libpthread.so.*|libdl.so.*|librt.so.*|ld-linux*) ;;
    *) cp -L "$lib" "$stage/lib/" ;;
    esac
done
rm -rf .devbench
mkdir -p .devbench
tar -C "$stage" -cf - bin lib | xz -T2 -6 > .devbench/bundle.tar.xz
git rev-parse HEAD > .devbench/commit 2>/dev/null || true
echo "pack.sh: .devbench/bundle.tar.xz, $(du -h .devbench/bundle.tar.xz | cut -f1)"
