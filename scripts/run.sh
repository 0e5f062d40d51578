#!/usr/bin/env bash
# The one command that installs what Vela needs, builds it and launches it.
# Usage: scripts/run.sh [MODEL.gguf]
# Until the desktop app lands this runs vela-cli: its help, and with a model
# (or the project's fixture model when ../shared is present) what the model
# is, how a conversation is rendered for it, and a streamed reply.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset default
cmake --build --preset default -j "$(nproc)" --target vela-cli

if [[ -x build/bin/vela ]]; then
  exec build/bin/vela "$@"
fi
build/bin/vela-cli --help
model="${1:-}"
if [[ -z "$model" && -f ../shared/fixtures/models/tiny-qwen3-Q8_0.gguf ]]; then
  model=../shared/fixtures/models/tiny-qwen3-Q8_0.gguf
fi
if [[ -n "$model" ]]; then
  echo; build/bin/vela-cli info "$model"
  demo=$(mktemp --suffix=.json)
  trap 'rm -f "$demo"' EXIT
  printf '[{"role":"system","content":"Responde siempre en español."},{"role":"user","content":"¿Qué es Vela?"}]' >"$demo"
  echo; echo "--- prompt for a two-message conversation:"
  build/bin/vela-cli template "$model" --messages "$demo" --no-think
  echo; echo "--- a reply (a random-weight fixture model answers gibberish; a real Qwen3 model does not):"
  build/bin/vela-cli generate "$model" --messages "$demo" --no-think -n 48 --seed 1 || true
fi
