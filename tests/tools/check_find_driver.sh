#!/bin/sh
# scripts/device-bench/find-driver.sh on made-up machines (VELA_DRIVER_ROOT):
# the layouts it must handle, and the loud failure when there is no driver.
#   check_find_driver.sh SOURCE_DIR
set -eu
finder="$1/scripts/device-bench/find-driver.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. A container layout: the driver under /usr/local/nvidia, its manifest
#    naming the library without a folder (as NVIDIA's does).
m="$tmp/m1"
mkdir -p "$m/usr/local/nvidia/lib64" "$m/usr/local/nvidia/share/vulkan/icd.d" "$tmp/w1"
: > "$m/usr/local/nvidia/lib64/libGLX_nvidia.so.0"
printf '{ "file_format_version" : "1.0.1", "ICD": { "library_path": "libGLX_nvidia.so.0", "api_version" : "1.4.312" } }\n' \
    > "$m/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json"
out=$(VELA_DRIVER_ROOT="$m" sh "$finder" "$tmp/w1" nvidia 2>/dev/null) || fail "layout 1: exit $?"
eval "$out"
[ "$DRIVER_LIB_DIR" = "$m/usr/local/nvidia/lib64" ] || fail "layout 1: DRIVER_LIB_DIR=$DRIVER_LIB_DIR"
[ "$VK_DRIVER_FILES" = "$VK_ICD_FILENAMES" ] || fail "layout 1: the two loader variables differ"
grep -q "\"library_path\": \"$m/usr/local/nvidia/lib64/libGLX_nvidia.so.0\"" "$VK_DRIVER_FILES" ||
    fail "layout 1: manifest without the absolute library path: $(cat "$VK_DRIVER_FILES")"
grep -q '"api_version": "1.4.312"' "$VK_DRIVER_FILES" || fail "layout 1: the driver's api_version was not kept"
python3 -c "import json, sys; json.load(open(sys.argv[1]))" "$VK_DRIVER_FILES" || fail "layout 1: manifest is not JSON"

# 2. No manifest at all, the library in the distribution's folder.
m="$tmp/m2"
mkdir -p "$m/usr/lib/x86_64-linux-gnu" "$tmp/w2"
: > "$m/usr/lib/x86_64-linux-gnu/libGLX_nvidia.so.0"
out=$(VELA_DRIVER_ROOT="$m" sh "$finder" "$tmp/w2" 2>/dev/null) || fail "layout 2: exit $?"
eval "$out"
[ "$DRIVER_LIB_DIR" = "$m/usr/lib/x86_64-linux-gnu" ] || fail "layout 2: DRIVER_LIB_DIR=$DRIVER_LIB_DIR"

# 3. Nothing: exit 1 and say where it looked.
m="$tmp/m3"
mkdir -p "$m" "$tmp/w3"
if err=$(VELA_DRIVER_ROOT="$m" sh "$finder" "$tmp/w3" nvidia 2>&1 >/dev/null); then
    fail "layout 3: no driver, yet exit 0"
fi
echo "$err" | grep -q "no nvidia Vulkan driver library" || fail "layout 3: message: $err"
echo "$err" | grep -q "/usr/local/nvidia/lib64" || fail "layout 3: the searched places are not named: $err"
echo "find-driver.sh: 3 layouts as expected"
