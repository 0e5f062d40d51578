#!/usr/bin/env bash
# Builds the Debian package from the build tree and checks it as a user's
# machine would see it: metadata and dependencies, the file list, lintian,
# the desktop entry and AppStream file, and the unpacked binaries running
# from a temporary root.
# Usage: check_package.sh BUILD_DIR VELA_TESTGEN VERSION
set -euo pipefail
build=$1
testgen=$2
version=$3 # the CMake project version, the one place it is set
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check_package: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/out/vela_*.deb 2>/dev/null | head -n 1)
[[ -n "$deb" ]] || fail "no vela_*.deb produced"
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

info=$(dpkg-deb -I "$deb")
echo "$info" | grep -q "^ Package: vela$" || fail "package name is not vela"
echo "$info" | grep -q "^ Version: $version" || fail "version is not $version (CMake project version)"
for dep in libqt6quick6 libqt6gui6 libvulkan1 qml6-module-qtquick-controls qt6-qpa-plugins libsqlite3-0 libicu72; do
  echo "$info" | grep "^ Depends:" | grep -q "$dep" || fail "Depends lacks $dep"
done
echo "$info" | grep "^ Recommends:" | grep -q mesa-vulkan-drivers || fail "Recommends lacks mesa-vulkan-drivers"

files=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/vela ./usr/bin/vela-cli \
         ./usr/share/applications/io.github.vela_chat.Vela.desktop \
         ./usr/share/metainfo/io.github.vela_chat.Vela.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/io.github.vela_chat.Vela.svg \
         ./usr/share/icons/hicolor/256x256/apps/io.github.vela_chat.Vela.png \
         ./usr/share/icons/hicolor/48x48/apps/io.github.vela_chat.Vela.png \
         ./usr/share/man/man1/vela-cli.1.gz ./usr/share/man/man1/vela.1.gz \
         ./usr/share/doc/vela/copyright; do
  echo "$files" | grep -qx "$f" || fail "missing $f"
done
# Nothing of the build or test tree leaks into the package.
if echo "$files" | grep -E 'tst_|vela-testgen|\.a$|/include/' ; then fail "test or development files in the package"; fi

root="$work/root"
dpkg-deb -x "$deb" "$root"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$root/usr/share/applications/io.github.vela_chat.Vela.desktop" || fail "desktop entry invalid"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/io.github.vela_chat.Vela.metainfo.xml" \
    || fail "AppStream metainfo invalid"
fi
if command -v lintian >/dev/null; then
  # Errors fail the check; warnings are printed for the record.
  lintian --tag-display-limit 0 --fail-on error "$deb" || fail "lintian reported errors"
else
  echo "lintian not installed: skipped"
fi

"$root/usr/bin/vela-cli" --version | grep -q "$version" || fail "unpacked vela-cli --version does not say $version"
"$testgen" model "$work/model.gguf" >/dev/null
"$root/usr/bin/vela-cli" info "$work/model.gguf" --json | grep -q '"architecture"' || fail "unpacked vela-cli info failed"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/vela" --help | grep -q -- "--model" || fail "unpacked vela --help failed"
echo "check_package: ok"
