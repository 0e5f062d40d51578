#!/bin/sh
# Packs what the GPU speed run needs into .devbench/ (ignored by git): the
# built vela-cli and vela-testgen, stripped, with every shared library they
# load (glibc and its loader too) and the X11 libraries NVIDIA's driver
# needs, compressed. The device machine has a GPU driver and
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
# Every library the two load, resolved here, glibc and its dynamic loader
# included: run.sh starts the programs through the bundled loader, so the
# machine's glibc may be older than this one (2.36; libstdc++ needs it for
# arc4random) -- the device image's is not known in advance.
ldd "$build/bin/vela-cli" "$build/bin/vela-testgen" | awk '/=> \//{print $3} /ld-linux/{print $1}' | sort -u |
    while read -r lib; do cp -L "$lib" "$stage/lib/"; done
[ -f "$stage/lib/ld-linux-x86-64.so.2" ] || { echo "pack.sh: no ld-linux-x86-64.so.2 in ldd's output" >&2; exit 1; }
# What NVIDIA's Vulkan driver (libGLX_nvidia.so.0) links besides its own
# libraries: Xlib and its dependencies. Headless images often lack them,
# and the loader then reports only that the driver failed to load.
for x in libX11.so.6 libXext.so.6; do
    path=$(ldconfig -p | awk -v n="$x" '$1 == n {print $NF; exit}')
    [ -n "$path" ] || { echo "pack.sh: $x is not installed here (apt-get install libx11-6 libxext6)" >&2; exit 1; }
    { echo "$path"; ldd "$path" | awk '/=> \//{print $3}'; } | while read -r lib; do
        [ -f "$stage/lib/$(basename "$lib")" ] || cp -L "$lib" "$stage/lib/"
    done
done
rm -rf .devbench
mkdir -p .devbench
tar -C "$stage" -cf - bin lib | xz -T2 -6 > .devbench/bundle.tar.xz
git rev-parse HEAD > .devbench/commit 2>/dev/null || true
echo "pack.sh: .devbench/bundle.tar.xz, $(du -h .devbench/bundle.tar.xz | cut -f1)"
