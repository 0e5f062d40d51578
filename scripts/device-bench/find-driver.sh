#!/bin/sh
# Finds a vendor's Vulkan driver on a bare machine and prints the shell
# assignments that make the bundled Vulkan loader use it (to be eval'ed):
#
#   eval "$(sh find-driver.sh WORKDIR [VENDOR])"     VENDOR: nvidia (default)
#
# sets VK_DRIVER_FILES and VK_ICD_FILENAMES (loaders before 1.3.234 read only
# the second) to one ICD manifest, and DRIVER_LIB_DIR to the folder of the
# driver's library, which the caller adds to the library path: the driver
# loads its sibling libraries (libnvidia-glcore, -gpucomp, ...) by name.
#
# Why not the machine's manifest as it is: container images mount the
# driver under /usr/local/nvidia (or elsewhere) without an ICD file in the
# loader's search path, and NVIDIA's manifest names its library without a
# folder ("libGLX_nvidia.so.0"), which only resolves when that folder is on
# the library path. So the manifest is written anew into WORKDIR with the
# library's absolute path, keeping the driver's own api_version when a
# manifest was found. Exits 1, naming every place searched, when no driver
# library exists.
#
# VELA_DRIVER_ROOT (default empty) is put before every searched path, for
# tests (tests/tools/check_find_driver.sh).
set -eu
work=$1
vendor=${2:-nvidia}
case "$vendor" in
nvidia) lib_names="libGLX_nvidia.so.0 libnvidia-vulkan-producer.so" manifest_names="nvidia_icd.json nvidia_icd.x86_64.json" ;;
*) echo "find-driver.sh: unknown vendor '$vendor'" >&2; exit 2 ;;
esac

# Where distributions, NVIDIA's installer and container runtimes put ICD
# manifests (the loader's own list: /etc and /usr/share, plus /usr/local
# and the container mount), and the driver's libraries.
manifest_dirs="/usr/local/nvidia/share/vulkan/icd.d /etc/vulkan/icd.d /usr/share/vulkan/icd.d
/usr/local/share/vulkan/icd.d /usr/local/etc/vulkan/icd.d /usr/lib/x86_64-linux-gnu/vulkan/icd.d"
lib_dirs="/usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib
/lib/x86_64-linux-gnu /lib64 /usr/local/lib64 /usr/local/lib /usr/lib/wsl/lib"

r=${VELA_DRIVER_ROOT:-}
manifest=""
for d in $manifest_dirs; do
    d=$r$d
    for n in $manifest_names; do
        if [ -f "$d/$n" ]; then manifest="$d/$n"; break 2; fi
    done
done

library=""
# The manifest's own library first (absolute, or a name searched below).
if [ -n "$manifest" ]; then
    named=$(sed -n 's/.*"library_path"[^"]*"\([^"]*\)".*/\1/p' "$manifest" | head -n 1)
    case "$named" in
    /*) [ -f "$r$named" ] && library=$r$named ;;
    ?*) lib_names="$named $lib_names" ;; # a bare name: searched below
    esac
fi
if [ -z "$library" ]; then
    for n in $lib_names; do
        for d in $lib_dirs; do
            d=$r$d
            if [ -f "$d/$n" ]; then library="$d/$n"; break 2; fi
        done
    done
fi
if [ -z "$library" ] && [ -z "$r" ] && command -v ldconfig > /dev/null; then
    for n in $lib_names; do
        library=$(ldconfig -p 2>/dev/null | awk -v n="$n" '$1 == n {print $NF; exit}')
        [ -n "$library" ] && break
    done
fi
if [ -z "$library" ]; then
    {
        echo "find-driver.sh: no $vendor Vulkan driver library ($lib_names)."
        echo "  manifests searched: $(echo $manifest_dirs)"
        echo "  libraries searched: $(echo $lib_dirs) and ldconfig's cache"
    } >&2
    exit 1
fi

api=""
[ -n "$manifest" ] && api=$(sed -n 's/.*"api_version"[^"]*"\([^"]*\)".*/\1/p' "$manifest" | head -n 1)
out="$work/icd/${vendor}_icd.json"
mkdir -p "$work/icd"
# ICD manifest format: the Vulkan loader's LoaderDriverInterface.md, "Driver
# Manifest File Format" (file_format_version 1.0.0: library_path, api_version).
cat > "$out" << EOF
{
    "file_format_version": "1.0.0",
    "ICD": {
        "library_path": "$library",
        "api_version": "${api:-1.3.0}"
    }
}
EOF
echo "find-driver.sh: $vendor driver $library (manifest ${manifest:-none found}, written to $out)" >&2
echo "VK_DRIVER_FILES='$out'; VK_ICD_FILENAMES='$out'; DRIVER_LIB_DIR='$(dirname "$library")'"
echo "export VK_DRIVER_FILES VK_ICD_FILENAMES DRIVER_LIB_DIR"
