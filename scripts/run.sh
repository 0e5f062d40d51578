#!/usr/bin/env bash
# The one command that installs what Vela needs, builds it and launches the
# desktop app. Usage: scripts/run.sh [MODEL.gguf] [more vela options]
# Without a model, Vela opens on its last model (Settings → default model) or
# asks for one; "Load model…" in the status bar picks a GGUF file.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset default
cmake --build --preset default -j "$(nproc)" --target vela vela-cli

if [[ $# -gt 0 && "$1" != -* ]]; then
  model="$1"
  shift
  exec build/bin/vela --model "$model" "$@"
fi
exec build/bin/vela "$@"
