#!/usr/bin/env bash
# Installs what Vela needs on Debian 12 / Ubuntu 22.04+ from the distribution's
# own archive. Usage: scripts/install-deps.sh [--test]
#   (no flag)  build and run: compiler, CMake, Qt 6, Vulkan, ICU, SQLite, JSON,
#              Hunspell and its English and Spanish dictionaries
#   --test     also what the test suite needs: clang + libFuzzer, the Vulkan
#              validation layer (debug preset), Xvfb for screenshots, AT-SPI
#              (at-spi2-core, python3-pyatspi, dbus) for the accessibility test, and the
#              package checkers (lintian, appstreamcli, desktop-file-validate)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtquick-dialogs
  qml6-module-qtqml-workerscript
  libvulkan-dev glslang-tools spirv-tools mesa-vulkan-drivers vulkan-tools
  libicu-dev nlohmann-json3-dev libsqlite3-dev libgl-dev
  librsvg2-bin dpkg-dev fonts-material-design-icons-iconfont libjs-highlight.js
  libhunspell-dev hunspell-en-us hunspell-es
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(clang libclang-rt-dev qml6-module-qttest xvfb python3 vulkan-validationlayers
             at-spi2-core python3-pyatspi dbus
             lintian appstream desktop-file-utils)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
