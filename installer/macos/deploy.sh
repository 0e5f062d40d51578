#!/usr/bin/env bash
# macOS disk image for Vela (DragNDrop through CPack). NOT RUN in this
# project's CI or on its developers' machines (Linux only); kept small and
# plain so that a macOS maintainer can run and fix it.
#
# Needs: Xcode command-line tools, CMake >= 3.25, Qt 6.4+ (macdeployqt on
# PATH), MoltenVK with the Vulkan loader (the LunarG SDK), glslang, ICU,
# SQLite and nlohmann-json (e.g. Homebrew).
# Usage (from the repository root): installer/macos/deploy.sh
set -euo pipefail
cmake -S . -B build-mac -G Ninja -DCMAKE_BUILD_TYPE=Release -DVELA_BUILD_TESTS=OFF
cmake --build build-mac
# vela must be built as a bundle (MACOSX_BUNDLE) for macdeployqt: set it in
# app/desktop/CMakeLists.txt under if(APPLE) when this script is first used.
macdeployqt build-mac/bin/vela.app -qmldir=ui
# MoltenVK's ICD and libvulkan must be inside the bundle (Contents/Frameworks
# and Contents/Resources/vulkan/icd.d): copy them from the SDK here.
(cd build-mac && cpack -G DragNDrop)
