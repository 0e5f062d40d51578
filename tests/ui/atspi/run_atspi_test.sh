#!/bin/sh
# ctest's entry to the AT-SPI test (atspi_check.py): checks that what it
# needs is installed (else exit 77, which ctest reports as skipped), then runs
# the script on a private D-Bus session and X display, so that it neither
# needs nor touches the desktop it runs on.
# Usage: run_atspi_test.sh VELA FIXTURE TS_FILE [atspi_check.py options...]
set -u
here=$(dirname "$0")
python=/usr/bin/python3
launcher=/usr/libexec/at-spi-bus-launcher

skip() { echo "SKIP: $1 (scripts/install-deps.sh --test installs it)"; exit 77; }
[ -x "$python" ] || skip "$python is missing"
"$python" -c "import pyatspi" 2>/dev/null || skip "$python has no pyatspi (python3-pyatspi)"
command -v dbus-run-session >/dev/null || skip "dbus-run-session is missing (dbus)"
command -v xvfb-run >/dev/null || skip "xvfb-run is missing (xvfb)"
[ -x "$launcher" ] || skip "$launcher is missing (at-spi2-core)"

vela=$1 fixture=$2 ts=$3
shift 3
# -a: a free display number. It looks for one from -n upwards, and two
# xvfb-run looking at once (ctest -j, other test runs on the machine) can
# both pick the same: starting from a number of this process's own makes
# that unlikely. The screen is the app's default window size and more.
exec dbus-run-session -- xvfb-run -a -n $((100 + $$ % 800)) -s "-screen 0 1280x900x24" \
  "$python" "$here/atspi_check.py" --vela "$vela" --fixture "$fixture" --ts "$ts" "$@"
