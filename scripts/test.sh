#!/usr/bin/env bash
# The one command that installs what the tests need, builds Vela and runs
# every test: unit and fixture tests (ctest, default preset), then the
# libFuzzer targets for a fixed time each (clang, fuzz preset).
# Usage: scripts/test.sh      (FUZZ_SECONDS=N to change the fuzzing time)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test

jobs=$(nproc)
cmake --preset default
cmake --build --preset default -j "$jobs"
ctest --preset default

cmake --preset fuzz
cmake --build --preset fuzz -j "$jobs"
ctest --preset fuzz
