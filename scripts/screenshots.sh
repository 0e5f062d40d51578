#!/usr/bin/env bash
# Regenerates the screenshots in docs/images/ from the real app under Xvfb:
# the end-to-end test's screenshotsOfTheMainViews runs build/bin/vela with
# the trained pattern model (../shared/fixtures/models/qwen3-pattern-F32.gguf)
# into build/test-artifacts/view-*.png, and the two the docs show are copied:
#   docs/images/vela-chat-light.png    README (light, English, 1280×800)
#   docs/images/vela-chat-dark-es.png  docs/architecture.md (dark, Spanish)
# Usage: scripts/screenshots.sh   (after a build: cmake --build build)
set -euo pipefail
cd "$(dirname "$0")/.."
test -x build/bin/tst_ui_vela_e2e || { echo "screenshots: build first (cmake --build build)" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen build/bin/tst_ui_vela_e2e screenshotsOfTheMainViews
for pair in "view-chat-light-en:vela-chat-light" "view-chat-dark-es:vela-chat-dark-es"; do
  from="build/test-artifacts/${pair%%:*}.png"
  to="docs/images/${pair##*:}.png"
  test -s "$from" || { echo "screenshots: $from was not written" >&2; exit 1; }
  cp "$from" "$to"
  echo "screenshots: $to"
done
