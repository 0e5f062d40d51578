# Windows installer for Vela (NSIS through CPack). NOT RUN in this project's CI
# or on its developers' machines (Linux only); kept small and plain so that a
# Windows maintainer can run and fix it.
#
# Needs: Visual Studio 2022 (C++), CMake >= 3.25, Qt 6.4+ for MSVC (its bin
# folder on PATH, for windeployqt), the Vulkan SDK (loader and glslangValidator),
# ICU, SQLite and nlohmann-json (e.g. from vcpkg), NSIS 3.
# Usage (from the repository root):  powershell -File installer\windows\deploy.ps1
$ErrorActionPreference = "Stop"
cmake -S . -B build-win -G "Visual Studio 17 2022" -DVELA_BUILD_TESTS=OFF
cmake --build build-win --config Release
cmake --install build-win --config Release --prefix build-win\stage
# Copies the Qt DLLs, the QML modules the UI imports and the platform plugin
# next to vela.exe (the UI's QML is compiled into the executable; --qmldir lets
# windeployqt see which Qt modules it imports).
windeployqt --release --qmldir ui build-win\stage\bin\vela.exe
# The Vulkan loader (vulkan-1.dll) comes with every GPU driver; not shipped.
Push-Location build-win
cpack -G NSIS -C Release
Pop-Location
